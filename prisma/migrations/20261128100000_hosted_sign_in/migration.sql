-- Hosted sign-in (issue 17): an organisation may host its sites' sign-in, registration and
-- password-reset pages on its auth domain, so that readers interact with the auth domain as a
-- page of its own (browsers' bounce-tracking protections delete the data of domains reached only
-- through redirects). Existing organisations keep sign-in on their sites.
ALTER TABLE "organizations" ADD COLUMN     "hosted_sign_in" BOOLEAN NOT NULL DEFAULT false;

-- An OTT minted by a hosted sign-in also signs the site session in (as the token's reader, by
-- this method) when it is redeemed; null for a plain handshake, which only links.
ALTER TABLE "one_time_tokens" ADD COLUMN     "sign_in_method" "AuthMethod";
