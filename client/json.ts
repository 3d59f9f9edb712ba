/** A value of the JSON scalar as it arrives (tool inputs and outputs, session metadata). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
