// A drill's notification must never be mistaken for the real night: every title of a drill
// incident (in-app, e-mail-like webhooks, Slack) starts with this prefix.
export const DRILL_PREFIX = "DRILL — ";

export const drillTitle = (title: string) =>
  title.startsWith(DRILL_PREFIX) ? title : `${DRILL_PREFIX}${title}`;
