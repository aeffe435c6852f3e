import { redirect } from "next/navigation";

/** Settings → Security Credentials was the Credentials overview a second time: one place now, old links still arrive. */
export default function SecurityCredentialsPage(): never {
  redirect("/");
}
