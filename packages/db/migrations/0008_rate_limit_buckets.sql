CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"taken" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
