import { readFileSync } from "node:fs";
import path from "node:path";
import { ComponentDocument, PreviewComponentDocument, RegisterComponentDocument } from "@latchkey/sdk";
import { elasticioTestData } from "../../../packages/core/src/testing/elasticio-test-data";
import { useApi } from "./harness";

/** The elastic.io component.json files (see elasticioTestData), or undefined: the tests that read them skip. */
const ELASTICIO_COMPONENTS = elasticioTestData();
const itWithElasticioData = ELASTICIO_COMPONENTS ? it : it.skip;

const api = useApi();

const mailchimpText = ELASTICIO_COMPONENTS ? readFileSync(path.join(ELASTICIO_COMPONENTS, "elasticio__mailchimp-component.json"), "utf8") : "";

describe("previewComponent", () => {
  itWithElasticioData("shows the form and warnings registerComponent would give, without storing anything", async () => {
    const { previewComponent: preview } = await api().client.request(PreviewComponentDocument, { descriptorText: mailchimpText, key: "mailchimp-preview" });
    if (preview.__typename !== "ComponentPreview") throw new Error(JSON.stringify(preview));
    expect(preview.key).toBe("mailchimp-preview");
    expect(preview.warnings.length).toBeGreaterThan(0);
    // Nothing was stored.
    expect((await api().client.request(ComponentDocument, { key: "mailchimp-preview" })).component).toBeNull();

    const { registerComponent: registered } = await api().client.request(RegisterComponentDocument, { input: {
      descriptor: JSON.parse(mailchimpText),
      format: "ELASTICIO",
      key: "mailchimp-preview",
    } });
    if (registered.__typename !== "ComponentRegistered") throw new Error(JSON.stringify(registered));
    expect(preview.authMethods).toEqual(registered.component.authMethods);
    expect(preview.warnings).toEqual(registered.warnings);
    expect(preview.authMethods.flatMap((m) => m.fields.map((f) => f.name))).toContain("apiKey");
  });

  it("reports JSON that does not parse with its line and column", async () => {
    const broken = '{\n  "title": "Broken",\n  "credentials": { "fields": { "apiKey": { "viewClass": "PasswordFieldView", } } }\n}';
    const { previewComponent: preview } = await api().client.request(PreviewComponentDocument, { descriptorText: broken });
    expect(preview).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "descriptor", message: expect.stringMatching(/line 3, column \d+/) }] });
  });

  itWithElasticioData("answers the same InvalidInput as registerComponent (no credentials section, a built-in key)", async () => {
    const { previewComponent: noCredentials } = await api().client.request(PreviewComponentDocument, { descriptorText: '{"title": "Nothing"}' });
    expect(noCredentials).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "descriptor.credentials" }] });
    const { previewComponent: builtIn } = await api().client.request(PreviewComponentDocument, { descriptorText: mailchimpText, key: "petstore" });
    expect(builtIn).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "descriptor.key" }] });
  });

  itWithElasticioData("is refused to a token without components:write, like registerComponent", async () => {
    const writer = await api().createToken(["READ", "WRITE"]);
    await expect(writer.client.request(PreviewComponentDocument, { descriptorText: mailchimpText })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
