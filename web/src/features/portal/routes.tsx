import { lazy } from 'react';

const PortalHome = lazy(() => import('./portal-home').then((m) => ({ default: m.PortalHome })));
const CataloguePage = lazy(() => import('./catalogue-page').then((m) => ({ default: m.CataloguePage })));
const CatalogueItemPage = lazy(() => import('./catalogue-item-page').then((m) => ({ default: m.CatalogueItemPage })));
const RaiseIncidentPage = lazy(() => import('./raise-incident-page').then((m) => ({ default: m.RaiseIncidentPage })));
const TicketsPage = lazy(() => import('./tickets-page').then((m) => ({ default: m.TicketsPage })));
const TicketPage = lazy(() => import('./ticket-page').then((m) => ({ default: m.TicketPage })));

/**
 * The customer portal. Its pages need no staff permission: the API answers customers with
 * their own (or their organisation's) records only, and staff may open them too.
 */
export const PORTAL_ROUTES = [
  { path: 'portal', element: <PortalHome /> },
  { path: 'portal/catalogue', element: <CataloguePage /> },
  { path: 'portal/catalogue/:id', element: <CatalogueItemPage /> },
  { path: 'portal/incident', element: <RaiseIncidentPage /> },
  { path: 'portal/tickets', element: <TicketsPage /> },
  { path: 'portal/tickets/:number', element: <TicketPage /> },
];
