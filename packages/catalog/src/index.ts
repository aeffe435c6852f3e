import github from "../components/github.json" with { type: "json" };
import httpBasic from "../components/http-basic.json" with { type: "json" };
import mysql from "../components/mysql.json" with { type: "json" };
import petstore from "../components/petstore.json" with { type: "json" };
import postgresql from "../components/postgresql.json" with { type: "json" };
import salesforce from "../components/salesforce.json" with { type: "json" };
import shopify from "../components/shopify.json" with { type: "json" };
import slack from "../components/slack.json" with { type: "json" };
import stripe from "../components/stripe.json" with { type: "json" };

/** The built-in component descriptors, as raw JSON: core validates them. */
export const catalogDescriptors: unknown[] = [petstore, postgresql, mysql, httpBasic, github, stripe, salesforce, slack, shopify];
