import { type AppConfig, AppError } from '@relay/platform';

/** When an offer lapses: as asked (in the future), else the default, shorter for emergencies. */
export function offerExpiry(config: AppConfig, urgency: string, requested?: string): Date {
  if (requested !== undefined) {
    const at = new Date(requested);
    if (at.getTime() <= Date.now()) throw AppError.invalid('expiresAt', 'must be in the future');
    return at;
  }
  const hours = urgency === 'emergency' ? config.EMERGENCY_OFFER_TTL_HOURS : config.OFFER_TTL_HOURS;
  return new Date(Date.now() + hours * 3600_000);
}
