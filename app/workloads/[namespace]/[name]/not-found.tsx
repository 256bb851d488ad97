import { EntityNotFound } from '@/components/metrics/entity-not-found';

export default function NotFound() {
  return <EntityNotFound kind="workload" />;
}
