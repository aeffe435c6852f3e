import { describe, expect, test } from "@jest/globals";
import type { VerificationTrigger } from "@latchkey/sdk";

import { triggerWords } from "./format";

/** Every trigger (the compiler holds this to the SDK's union). */
const EVERY_TRIGGER: Record<VerificationTrigger, true> = {
  CREATED: true,
  UPDATED: true,
  MANUAL: true,
  SCHEDULED: true,
  OAUTH2_CONNECTED: true,
  OAUTH2_RECONNECTED: true,
  TOKEN_REFRESH: true,
  COMPONENT_REGISTERED: true,
  UNKNOWN: true,
};

describe("triggerWords", () => {
  test("says what caused a verification, with who did it when the API knows", () => {
    expect(triggerWords("SCHEDULED", null)).toBe("Checked on a schedule");
    expect(triggerWords("MANUAL", "Ada")).toBe("Re-verified by Ada");
    expect(triggerWords("MANUAL", null)).toBe("Re-verified on request");
    expect(triggerWords("CREATED", "Ada")).toBe("When Ada created it");
    expect(triggerWords("CREATED", null)).toBe("When it was created");
    expect(triggerWords("UNKNOWN", null)).toBe("Not recorded");
    expect(triggerWords(null)).toBe("Not recorded");
  });

  test("every trigger has words for people: a sentence start, no code, no camelCase", () => {
    for (const trigger of Object.keys(EVERY_TRIGGER) as VerificationTrigger[]) {
      for (const words of [triggerWords(trigger, null), triggerWords(trigger, "Ada")]) {
        expect(words).toMatch(/^[A-Z][a-z]/);
        expect(words).not.toMatch(/[A-Z]{2,}|_|\b[a-z]+[A-Z]/);
      }
    }
  });
});
