-- The link where the customer uses the service, recorded with the account when it is provisioned.
ALTER TABLE "contracts"."contracts" ADD COLUMN "access_url" text;
