import type { SearchHit } from '@keel/shared';
import { Flex, Typography } from 'antd';
import { useFormatDateTime } from '../../app/format';
import { StateTag } from '../records/record-tags';
import { recordTypeByKey, TASK_TYPE_UI } from '../records/record-types';
import { useRecordLabels } from '../records/use-record-labels';
import { useWorkflowLabels } from '../records/use-workflow';
import { Highlighted } from './highlight';

/** The state in the workflow's words (types this app does not know show the category). */
function HitState({ hit }: { hit: SearchHit }) {
  const labels = useRecordLabels();
  const type = recordTypeByKey(hit.type);
  // Hooks run unconditionally: an unknown type borrows a known one and ignores its labels.
  const workflow = useWorkflowLabels(type ?? TASK_TYPE_UI);
  return <StateTag label={type ? workflow.state(hit.state) : labels.stateCategory(hit.stateCategory)} category={hit.stateCategory} />;
}

/** One hit: number, state, title and the passage that matched, with matches marked. */
export function SearchHitLine({ hit, detailed = false }: { hit: SearchHit; detailed?: boolean }) {
  const formatTime = useFormatDateTime();
  return (
    <div style={{ minWidth: 0 }} data-testid="search-hit">
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hit.number}
        </Typography.Text>
        <HitState hit={hit} />
        {detailed && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(hit.updatedAt)}
          </Typography.Text>
        )}
      </Flex>
      <div style={{ overflowWrap: 'anywhere', fontWeight: 500 }} data-testid="search-hit-title">
        <Highlighted value={hit.title} />
      </div>
      {hit.snippet && (
        <div className={detailed ? 'keel-snippet' : 'keel-snippet keel-snippet-short'} data-testid="search-hit-snippet">
          <Highlighted value={hit.snippet} />
        </div>
      )}
    </div>
  );
}
