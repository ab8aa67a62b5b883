import { type RateTicket, type RecordItem, recordSchema, requestableItemSchema, requestFormSchema, ticketRatingSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { apiGet, apiSend, newIdempotencyKey, withQuery } from '../../app/api';
import { INCIDENT_TYPE_UI, REQUEST_TYPE_UI, type RecordTypeUi, recordTypeOfNumber } from '../records/record-types';

/** The record types a customer raises and follows in the portal (a function: record-types.tsx imports this module's users). */
export const portalTypes = (): readonly RecordTypeUi[] => [INCIDENT_TYPE_UI, REQUEST_TYPE_UI];

export function portalTypeOf(number: string): RecordTypeUi | undefined {
  const type = recordTypeOfNumber(number);
  return type && portalTypes().includes(type) ? type : undefined;
}

const itemsSchema = z.object({ items: z.array(requestableItemSchema) });

export function useCatalogue(query: { q?: string; serviceId?: number; category?: string }) {
  return useQuery({
    queryKey: ['request-catalogue', query],
    queryFn: ({ signal }) => apiGet(withQuery('/request-catalogue', query), itemsSchema, { signal }),
  });
}

export function useCatalogueItem(id: number) {
  return useQuery({
    queryKey: ['request-catalogue', 'item', id],
    queryFn: ({ signal }) => apiGet(`/request-catalogue/${id}`, requestableItemSchema, { signal }),
  });
}

export function useRequestForm(number: string, enabled: boolean) {
  return useQuery({
    queryKey: ['/requests', number, 'form'],
    queryFn: ({ signal }) => apiGet(`/requests/${number}/form`, requestFormSchema, { signal }),
    enabled,
  });
}

const ratingReply = z.object({ rating: ticketRatingSchema.nullable() });

export function useRating(type: RecordTypeUi, number: string, enabled = true) {
  return useQuery({
    queryKey: [type.apiPath, number, 'rating'],
    queryFn: ({ signal }) => apiGet(`${type.apiPath}/${number}/rating`, ratingReply, { signal }),
    enabled,
  });
}

export function useRate(type: RecordTypeUi, number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateTicket) => apiSend('POST', `${type.apiPath}/${number}/rating`, ratingReply, { body }),
    onSuccess: (reply) => queryClient.setQueryData([type.apiPath, number, 'rating'], reply),
  });
}

/** Raises a record in the portal; one idempotency key per form fill, so a double tap creates one. */
export function useRaise(path: string) {
  const [key] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: (body: Record<string, unknown>): Promise<RecordItem> => apiSend('POST', path, recordSchema, { body, idempotencyKey: key }),
  });
}
