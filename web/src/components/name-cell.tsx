import { Typography } from 'antd';

/** A record's name with its description underneath, cut to two lines. */
export function NameCell({ name, description }: { name: string; description: string }) {
  return (
    <div style={{ maxWidth: 360 }}>
      <div>{name}</div>
      {description !== '' && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: description }} style={{ margin: 0, fontSize: 12 }}>
          {description}
        </Typography.Paragraph>
      )}
    </div>
  );
}
