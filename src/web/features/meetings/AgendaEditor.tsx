// The agenda of a meeting in preparation: its items by section (opening, main business, closing); the preparer
// adds and removes items.
import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { addAgendaItemBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../components/forms.ts';
import { type AgendaItem, can, type MeetingDetail, useMeetingWrite } from './queries.ts';
import { Section } from '../../components/Section.tsx';

const sections = ['opening', 'main', 'closing'] as const;

export function Agenda({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<(typeof sections)[number]>('main');
  const [title, setTitle] = useState('');
  const errors = useFormErrors(['title', 'section']);
  const add = useMeetingWrite(
    detail.id,
    (body: z.input<typeof addAgendaItemBody>) =>
      api.post<z.infer<typeof createdResponse>>(`/meetings/${detail.id}/agenda`, body),
    {
      done: t('meetingPrep.agendaAdded'),
      onDone: () => {
        setTitle('');
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  const bySection = (s: AgendaItem['section']) => detail.agenda.filter((a) => a.section === s);
  return (
    <Section title={t('meetingPrep.agenda')}>
      {sections.map((s) => (
        <Stack key={s} gap={4}>
          <Title order={4}>{t(`meetingPrep.section_${s}`)}</Title>
          {bySection(s).length === 0 ? (
            <Text c="dimmed">{t('common.none')}</Text>
          ) : (
            <ol style={{ margin: 0, paddingLeft: 22 }}>
              {bySection(s).map((a) => (
                <li key={a.id}>
                  <Text>{a.title}</Text>
                </li>
              ))}
            </ol>
          )}
        </Stack>
      ))}
      {can(detail, 'edit_agenda') ? (
        <form
          ref={errors.formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = addAgendaItemBody.safeParse({ section, title });
            if (!parsed.success) return errors.fromZod(parsed.error);
            add.mutate(parsed.data);
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('meetingPrep.agendaSection')}
              value={section}
              onChange={(e) => setSection(e.currentTarget.value as typeof section)}
              data={sections.map((s) => ({ value: s, label: t(`meetingPrep.section_${s}`) }))}
            />
            <TextInput
              label={t('meetingPrep.agendaTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.fieldErrors.title}
              style={{ flex: '1 1 220px' }}
            />
            <Button type="submit" variant="outline" loading={add.isPending}>
              {t('meetingPrep.agendaAdd')}
            </Button>
          </Group>
          {errors.formError ? (
            <Text c="red.8" size="sm" role="alert" mt={4}>
              {errors.formError}
            </Text>
          ) : null}
        </form>
      ) : null}
    </Section>
  );
}
