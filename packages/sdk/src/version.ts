/** The SDK's version: the same as the API's it was generated from (see the README). */
export const VERSION = "0.2.0";
