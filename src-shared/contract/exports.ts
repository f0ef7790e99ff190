// CSV export of every list and report: all pages of what the filter shows, streamed to a file by the main process.

export const exportsArea = {} as const;

export const exportKinds = [] as const;
