// The one modal form of the app: a dialog (full screen on phones, centred on larger screens, closes with Escape)
// holding a <form> with its fields, the form-level message and the footer: Cancel, an optional second action and
// the submit button.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { FormEvent, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormModalProps {
  title: string;
  onClose: () => void;
  /** Called when the form is submitted (submit button or Enter); the page is not reloaded. */
  onSubmit: () => void;
  /** The form-level message (useFormErrors().formError). */
  formError?: string | null;
  /** The submit button's words; "Save" when left out. */
  submitLabel?: string;
  /** The write is under way: the submit button spins. */
  pending?: boolean;
  /** An irreversible action (remove, dissolve): the submit button is red. */
  danger?: boolean;
  /** A second action between Cancel and submit (e.g. "Return for revision"). */
  secondary?: ReactNode;
  /** useFormErrors().formRef, so a failed submit brings its first faulty field into view. */
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}

export function FormModal({
  title,
  onClose,
  onSubmit,
  formError,
  submitLabel,
  pending = false,
  danger = false,
  secondary,
  formRef,
  children,
}: FormModalProps) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      fullScreen={!!isPhone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close'), size: 'xl' }}
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 700 } }}
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="md">
          {children}
          {formError ? (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {secondary}
            <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
