/**
 * The engine's choices as Discord components: buttons (five a row) or, past five answers, a string
 * select menu. A component's custom_id is `kd:` + the choice id, so a click maps straight back.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { ReplyChoice } from '../../engine/types.ts';
import {
  ACTION_ROWS_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CUSTOM_ID_MAX,
  SELECT_OPTION_LABEL_MAX,
  SELECT_OPTION_VALUE_MAX,
  SELECT_OPTIONS_MAX,
} from './limits.ts';
import { safe, truncate } from './safe-text.ts';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const CUSTOM_ID_PREFIX = 'kd:';
/** custom_id prefix of select menus (apart from buttons' `kd:`); the picked option's value is the choice id */
const SELECT_ID_PREFIX = 'kd-menu:';

const STYLES: Record<NonNullable<ReplyChoice['style']>, APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  secondary: ButtonStyle.Secondary,
};

/** The custom_id for a choice, or undefined when it would not fit Discord's 100 characters. */
export function customIdFor(choiceId: string): string | undefined {
  const id = CUSTOM_ID_PREFIX + choiceId;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

/** The choice a component interaction picked, or undefined when the component is not keydoctor's. */
export function choiceFromComponent(customId: string, values: readonly string[] = []): string | undefined {
  if (customId.startsWith(SELECT_ID_PREFIX)) return values[0];
  if (customId.startsWith(CUSTOM_ID_PREFIX)) return customId.slice(CUSTOM_ID_PREFIX.length);
  return undefined;
}

function button(choice: ReplyChoice, customId: string): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(safe(choice.label), BUTTON_LABEL_MAX),
    style: STYLES[choice.style ?? 'secondary'],
  };
}

function buttonRows(choices: readonly ReplyChoice[]): ActionRow[] {
  const buttons = choices.flatMap((c) => {
    const id = customIdFor(c.id);
    return id ? [button(c, id)] : [];
  });
  const rows: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW_MAX) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW_MAX) });
  }
  return rows;
}

function selectRows(choices: readonly ReplyChoice[], placeholder: string): ActionRow[] {
  const usable = choices.filter((c) => c.id.length <= SELECT_OPTION_VALUE_MAX);
  const rows: ActionRow[] = [];
  for (let i = 0; i < usable.length; i += SELECT_OPTIONS_MAX) {
    const menu: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: `${SELECT_ID_PREFIX}${i / SELECT_OPTIONS_MAX}`,
      placeholder,
      min_values: 1,
      max_values: 1,
      options: usable.slice(i, i + SELECT_OPTIONS_MAX).map((c) => ({
        label: truncate(safe(c.label), SELECT_OPTION_LABEL_MAX),
        value: c.id,
      })),
    };
    rows.push({ type: ComponentType.ActionRow, components: [menu] });
  }
  return rows;
}

/** Buttons for up to five answers, else a select menu for the answers plus buttons for the rest. */
export function choiceRows(choices: readonly ReplyChoice[]): ActionRow[] {
  const answers = choices.filter((c) => c.id.startsWith('answer:'));
  const rows =
    answers.length > BUTTONS_PER_ROW_MAX
      ? [
          ...selectRows(answers, 'Pick an answer…'),
          ...buttonRows(choices.filter((c) => !answers.includes(c))),
        ]
      : buttonRows(choices);
  return rows.slice(0, ACTION_ROWS_MAX);
}

type LooseRow = {
  type: number;
  components?: { type: number; custom_id?: string | null; [k: string]: unknown }[];
};

/** The rows of a clicked message with every component disabled and the picked button highlighted. */
export function disabledRows(rows: readonly LooseRow[], pickedCustomId: string): ActionRow[] {
  return rows.map((row) => ({
    type: ComponentType.ActionRow,
    components: (row.components ?? []).map((c) => ({
      ...c,
      disabled: true,
      ...(c.type === ComponentType.Button && c.custom_id === pickedCustomId
        ? { style: ButtonStyle.Success }
        : {}),
    })),
  })) as ActionRow[];
}
