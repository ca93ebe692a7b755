/** Languages for labels, reasons, explanations and messages. Chinese is the default. */
export type Language = "zh" | "en";
