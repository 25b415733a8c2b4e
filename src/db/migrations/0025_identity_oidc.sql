-- Sign-in with Google and Apple (OpenID Connect). A provider's subject, once seen, names one of our users:
-- later sign-ins match by (provider, subject), not by e-mail.
CREATE TABLE "identity"."external_identities" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "external_identities_pkey" PRIMARY KEY ("provider","subject")
);
--> statement-breakpoint
CREATE INDEX "external_identities_user_idx" ON "identity"."external_identities" USING btree ("user_id");--> statement-breakpoint
-- A sign-in on its way through the provider: kept in the database (any process may receive the callback),
-- keyed by the sha256 of its state, deleted when the callback uses it (single use) or once expired.
CREATE TABLE "identity"."oidc_logins" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oidc_logins_expires_idx" ON "identity"."oidc_logins" USING btree ("expires_at");
