import { useIntl } from 'react-intl';
import type { MessageId } from './i18n';

type Values = Record<string, string | number | Date | null | undefined>;

/** Catalogue messages by typed id: a key missing from the English catalogue does not compile. */
export function useT() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Values) => intl.formatMessage({ id }, values);
  return Object.assign(t, { intl });
}

/** An enumeration value (urgency, status, category…) through its catalogue key. */
export function useEnum() {
  const intl = useIntl();
  return (family: string, value: string | null | undefined) =>
    value ? intl.formatMessage({ id: `${family}.${value}`, defaultMessage: value }) : '';
}
