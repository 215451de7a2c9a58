/** The class of a button of each action tone (`CHECK_ACTIONS`' `tone`). */
export const BUTTON_CLASS = { primary: 'vk-button vk-button-primary', danger: 'vk-button vk-button-danger', neutral: 'vk-button' } as const
