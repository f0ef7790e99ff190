// The home screen: what each role looks at first, as live numbers that open the list behind them.

export const dashboard = {} as const;

export const dashboardKinds = [] as const;
