import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { BlockedTargetError, createNetworkPolicy, findBlockedTarget, parseAllowedHosts, type HostResolver } from "./network-policy";

/** A resolver for names that exist only in the test, so no /etc/hosts or DNS is needed. */
function fakeResolver(table: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: (net.isIPv6(address) ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolve, { calls });
}

describe("reasonToRefuse", () => {
  const open = createNetworkPolicy();
  const closed = createNetworkPolicy({ blockPrivateNetworks: true });

  it.each([
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "this network"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::a9fe:a9fe%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["[::ffff:a9fe:a9fe]", "link-local"],
    ["::ffff:0.0.0.0", "this network"],
    ["::ffff:224.0.0.1", "multicast"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["::169.254.169.254", "link-local"],
  ])("always refuses %s (%s), also with private networks allowed", (address, words) => {
    expect(open.reasonToRefuse(address)).toContain(words);
    expect(closed.reasonToRefuse(address)).toContain(words);
  });

  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "::1",
    "fd00::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
  ])("allows the private or loopback address %s by default and refuses it when private networks are blocked", (address) => {
    expect(open.reasonToRefuse(address)).toBeUndefined();
    expect(closed.reasonToRefuse(address)).toMatch(/(loopback|private|shared).*LATCHKEY_BLOCK_PRIVATE_NETWORKS is on/);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "169.253.255.255", "100.128.0.1", "2606:4700:4700::1111", "fec0::1".replace("fec0", "2001"), "::ffff:8.8.8.8"])(
    "allows the public address %s even when private networks are blocked",
    (address) => {
      expect(closed.reasonToRefuse(address)).toBeUndefined();
    },
  );

  it("exempts allow-listed host names and ranges from the private block, never the link-local range", () => {
    const policy = createNetworkPolicy({
      blockPrivateNetworks: true,
      allowedHosts: ["db.internal", "10.1.0.0/16", "fd12::/16", "169.254.169.254/32", "metadata.internal"],
    });
    expect(policy.reasonToRefuse("10.9.9.9", "DB.Internal.")).toBeUndefined();
    expect(policy.reasonToRefuse("10.9.9.9", "other.internal")).toContain("private");
    expect(policy.reasonToRefuse("10.1.2.3")).toBeUndefined();
    expect(policy.reasonToRefuse("::ffff:10.1.2.3")).toBeUndefined();
    expect(policy.reasonToRefuse("fd12::5")).toBeUndefined();
    expect(policy.reasonToRefuse("fd13::5")).toContain("unique local");
    expect(policy.reasonToRefuse("169.254.169.254")).toContain("link-local");
    expect(policy.reasonToRefuse("169.254.169.254", "metadata.internal")).toContain("link-local");
  });

  it("parses the allow-list and names an entry that is neither a host name nor a range", () => {
    expect(parseAllowedHosts(["api.example.com", " 10.0.0.0/8 ", "::1", "fd00::/8", ""])).toMatchObject({ ok: true });
    expect(parseAllowedHosts(["api.example.com", "10.0.0.0/33"])).toEqual({ ok: false, entry: "10.0.0.0/33" });
    expect(parseAllowedHosts(["http://api.example.com"])).toEqual({ ok: false, entry: "http://api.example.com" });
    expect(() => createNetworkPolicy({ allowedHosts: ["bad host"] })).toThrow('"bad host"');
  });
});

describe("resolveTarget", () => {
  it("refuses a name that resolves to a forbidden address, naming both", async () => {
    const resolve = fakeResolver({ "metadata.attacker.test": ["169.254.169.254"] });
    const policy = createNetworkPolicy({ resolve });
    const error = await policy.resolveTarget("metadata.attacker.test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedTargetError);
    expect((error as BlockedTargetError).message).toBe(
      "metadata.attacker.test (169.254.169.254) is not allowed by the network policy: 169.254.0.0/16 is link-local, where cloud metadata services answer",
    );
  });

  it("refuses a name when any one of its addresses is forbidden (DNS answers mixing a public and a forbidden one)", async () => {
    const policy = createNetworkPolicy({ resolve: fakeResolver({ "mixed.test": ["93.184.216.34", "::ffff:169.254.169.254"] }) });
    await expect(policy.resolveTarget("mixed.test")).rejects.toBeInstanceOf(BlockedTargetError);
  });

  it("hands back a checked address, resolving once, and checks literal addresses without resolving", async () => {
    const resolve = fakeResolver({ "db.test": ["10.0.0.7", "10.0.0.8"] });
    const policy = createNetworkPolicy({ resolve });
    await expect(policy.resolveTarget("db.test")).resolves.toEqual({ address: "10.0.0.7", family: 4 });
    await expect(policy.resolveTarget("[::1]")).resolves.toEqual({ address: "::1", family: 6 });
    await expect(policy.resolveTarget("169.254.169.254")).rejects.toBeInstanceOf(BlockedTargetError);
    expect(resolve.calls).toEqual(["db.test"]);
  });

  it("passes the resolver's failure on with its code", async () => {
    const policy = createNetworkPolicy({ resolve: fakeResolver({}) });
    await expect(policy.resolveTarget("nowhere.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
  });
});

describe("connections through the policy", () => {
  let server: http.Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === "/redirect") response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      else response.writeHead(200, { "content-type": "text/plain" }).end("hello");
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    connections = 0;
  });

  it("lets net.connect reach an allowed name through the policy's lookup, at the checked address", async () => {
    const resolve = fakeResolver({ "service.test": ["127.0.0.1"] });
    const policy = createNetworkPolicy({ resolve });
    const socket = net.connect({ host: "service.test", port, lookup: policy.lookup });
    await new Promise<void>((done, fail) => socket.once("connect", done).once("error", fail));
    expect(socket.remoteAddress).toBe("127.0.0.1");
    socket.destroy();
    expect(resolve.calls).toEqual(["service.test"]);
  });

  it("sends no packet to a loopback listener when private networks are blocked, by name or by address", async () => {
    const policy = createNetworkPolicy({ blockPrivateNetworks: true, resolve: fakeResolver({ "sneaky.test": ["127.0.0.1"] }) });
    const socket = net.connect({ host: "sneaky.test", port, lookup: policy.lookup });
    const error = await new Promise<Error>((done) => socket.once("error", done));
    expect(findBlockedTarget(error)?.message).toContain("sneaky.test (127.0.0.1) is not allowed");
    await expect(policy.fetch(`http://sneaky.test:${port}/`)).rejects.toBeInstanceOf(BlockedTargetError);
    await expect(policy.fetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(BlockedTargetError);
    // The system resolver: localhost is loopback.
    const system = createNetworkPolicy({ blockPrivateNetworks: true });
    await expect(system.fetch(`http://localhost:${port}/`)).rejects.toBeInstanceOf(BlockedTargetError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toBe(0);
    await Promise.all([policy.close(), system.close()]);
  });

  it("fetch: a name resolving to a forbidden address fails with the BlockedTargetError, before any connection", async () => {
    const policy = createNetworkPolicy({ resolve: fakeResolver({ "metadata.test": ["169.254.169.254"] }) });
    const error = await policy.fetch("http://metadata.test/latest/meta-data/").catch((e: unknown) => e);
    expect(findBlockedTarget(error)?.address).toBe("169.254.169.254");
    await policy.close();
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://169.254.43518/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://0.0.0.0:80/",
  ])("fetch refuses the literal address in %s, whatever form the URL writes it in", async (url) => {
    const policy = createNetworkPolicy();
    await expect(policy.fetch(url)).rejects.toBeInstanceOf(BlockedTargetError);
    await policy.close();
  });

  it("fetch reaches an allowed host, and answers a redirect without following it", async () => {
    const policy = createNetworkPolicy({ resolve: fakeResolver({ "app.test": ["127.0.0.1"] }) });
    const ok = await policy.fetch(`http://app.test:${port}/`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("hello");
    const redirect = await policy.fetch(`http://app.test:${port}/redirect`, { redirect: "follow" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("http://169.254.169.254/latest/meta-data/");
    await policy.close();
  });

  it("the allow-list lets a named private host through while the private block stays on", async () => {
    const resolve = fakeResolver({ "allowed.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] });
    const policy = createNetworkPolicy({ blockPrivateNetworks: true, allowedHosts: ["allowed.test"], resolve });
    expect((await policy.fetch(`http://allowed.test:${port}/`)).status).toBe(200);
    expect(connections).toBe(1);
    await expect(policy.fetch(`http://other.test:${port}/`)).rejects.toBeInstanceOf(BlockedTargetError);
    expect(connections).toBe(1);
    await policy.close();
  });
});
