// A date field that always reads and writes dd/mm/yyyy (whatever the browser's locale), with the native calendar as a helper.
import { ActionIcon, TextInput } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseVietnameseDate } from '../lib/dates.ts';
import { CalendarIcon } from './icons.tsx';

export interface DateFieldProps {
  label: string;
  /** ISO 'YYYY-MM-DD', or '' when empty. */
  value: string;
  onChange: (iso: string) => void;
  error?: string | null;
  description?: string;
  required?: boolean;
  name?: string;
  min?: string;
  max?: string;
  /** Show the required star (default: when required). */
  withAsterisk?: boolean;
}

export function DateField({
  label,
  value,
  onChange,
  error,
  description,
  required,
  name,
  min,
  max,
  withAsterisk,
}: DateFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatDate(value));
  const [touchedInvalid, setTouchedInvalid] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const pickerId = useId();

  // Follow the value when it changes from outside (a quick button, the URL).
  useEffect(() => {
    setText((current) => ((parseVietnameseDate(current) ?? '') === value ? current : formatDate(value)));
  }, [value]);

  const commit = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setTouchedInvalid(false);
      if (!required) onChange('');
      return;
    }
    const iso = parseVietnameseDate(next);
    if (iso) {
      setTouchedInvalid(false);
      if (iso !== value) onChange(iso);
    }
  };

  const openPicker = () => {
    const el = picker.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      el.focus();
    }
  };

  const invalid = touchedInvalid ? t('date.invalid') : null;

  return (
    <div style={{ position: 'relative' }}>
      <TextInput
        label={label}
        name={name}
        required={required}
        withAsterisk={withAsterisk ?? required}
        value={text}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        description={description ?? t('date.hint')}
        error={error || invalid}
        onChange={(e) => commit(e.currentTarget.value)}
        onBlur={() => setTouchedInvalid(text.trim() !== '' && parseVietnameseDate(text) === null)}
        rightSectionWidth={52}
        rightSection={
          <ActionIcon variant="subtle" aria-label={t('date.pick')} onClick={openPicker} size={40}>
            <CalendarIcon size={22} />
          </ActionIcon>
        }
      />
      <input
        ref={picker}
        id={pickerId}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        min={min}
        max={max}
        onChange={(e) => {
          const iso = e.currentTarget.value;
          setText(formatDate(iso));
          setTouchedInvalid(false);
          onChange(iso);
        }}
        style={{
          position: 'absolute',
          left: 0,
          bottom: 0,
          width: 1,
          height: 1,
          opacity: 0,
          pointerEvents: 'none',
          border: 0,
          padding: 0,
        }}
      />
    </div>
  );
}
