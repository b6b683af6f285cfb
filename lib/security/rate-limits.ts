// The product's rate limits (design §7), in one place so they can be reviewed together.
// Use with consumeRateLimit / peekRateLimit: `consumeRateLimit({ key: `signin-fail:ip:${ip}`, ...SIGNIN_FAILURE_PER_IP })`.
// Keys name what is counted and its subject (ip, SSO token id, reader id); never a secret.

export type RateLimitRule = { readonly limit: number; readonly windowSeconds: number };

/**
 * OTTs minted (handshakes answered) per client IP. A reader moving between sites causes one
 * handshake per not-yet-linked site, a few a minute at most; 2 per second leaves room for an
 * office or carrier NAT with many readers behind one address, while a script hammering the
 * handshake endpoint to fill `one_time_tokens` is stopped within a minute.
 */
export const OTT_MINT_PER_IP: RateLimitRule = { limit: 120, windowSeconds: 60 };

/**
 * OTTs minted per SSO token (one browser). No real browser needs one every two seconds; this
 * mainly cuts off redirect loops (a misconfigured site bouncing the browser back and forth).
 */
export const OTT_MINT_PER_TOKEN: RateLimitRule = { limit: 30, windowSeconds: 60 };

/**
 * Failed OTT redemptions (invalid, expired, replayed, foreign, state mismatch) per client IP.
 * Real browsers fail rarely (back button, a slow network outliving a 60 s OTT); guessing a
 * 256-bit token is hopeless anyway, so this bounds the database and audit-log work an attacker
 * can cause rather than protecting the tokens themselves.
 */
export const OTT_FAILURE_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 300 };

/**
 * Failed OTT redemptions per SSO token. Lower than per IP: one browser failing ten times in
 * five minutes is stuck (or being replayed against); the site should stop retrying the
 * handshake and leave the reader anonymous rather than loop.
 */
export const OTT_FAILURE_PER_TOKEN: RateLimitRule = { limit: 10, windowSeconds: 300 };

/**
 * Failed password sign-ins per client IP: credential stuffing from one address. Generous
 * enough for a shared NAT where several readers mistype their passwords in the same quarter hour.
 */
export const SIGNIN_FAILURE_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 900 };

/**
 * Failed password sign-ins per account FROM ONE ADDRESS: the lockout (Auth0's brute-force
 * protection keys the same way). It refuses only that address, so someone else's guessing
 * never refuses the owner's sign-in from elsewhere (design §7). Reset by a successful sign-in
 * from that address.
 */
export const SIGNIN_FAILURE_PER_ACCOUNT_AND_IP: RateLimitRule = { limit: 5, windowSeconds: 900 };

/**
 * Failed password sign-ins per account from ALL addresses: a botnet rotating addresses. Past
 * it, an address or device that never signed in to this account is refused, and a correct
 * password from one that did is slowed down, never refused (lib/auth/sign-in-throttle.ts):
 * online guessing stays bounded to ~1,900 tries a day whatever the number of addresses, and the
 * owner still gets in from their usual browser or network.
 */
export const SIGNIN_FAILURE_PER_ACCOUNT: RateLimitRule = { limit: 20, windowSeconds: 900 };

/**
 * Registrations per client address: each costs an argon2 hash (CPU taken from real sign-ins)
 * and creates an account. A household or office registers a few an hour; a carrier NAT more,
 * hence not lower.
 */
export const REGISTRATION_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 3600 };

/**
 * Registrations per organisation, all addresses together: bounds the CPU and rows a botnet can
 * spend. Far above any launch-day peak of real readers (~1 a second for 10 minutes), so that
 * reaching it takes a flood, not a newsletter.
 */
export const REGISTRATION_PER_ORG: RateLimitRule = { limit: 600, windowSeconds: 600 };

/** How long a successful sign-in makes its device and address "known" to the account. */
export const SIGNIN_SOURCE_MEMORY_SECONDS = 90 * 86_400;

/** The slow-down of a known source past the account budget: this much per failure beyond it, up to the cap. */
export const SIGNIN_SLOWDOWN_STEP_MS = 250;
export const SIGNIN_SLOWDOWN_MAX_MS = 5_000;

/**
 * Failed client authentications of external sites (POST /sso/exchange and the other
 * server-to-server calls) per calling IP. A real backend never fails this (its secret is in
 * its configuration); anyone who does is probing. The secret is 256 random bits, so this
 * bounds database and audit-log work rather than protecting the secret.
 */
export const CLIENT_AUTH_FAILURE_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 300 };

/**
 * Failed OTT exchanges per external site (client). The internal rule counts failures per
 * browser IP; an external site's backend calls for all its readers from a few addresses, so
 * its budget is the whole site's: generous enough for back buttons and slow networks of many
 * readers, low enough that a site replaying or forging OTTs is stopped within minutes.
 */
export const OTT_EXCHANGE_FAILURE_PER_CLIENT: RateLimitRule = { limit: 300, windowSeconds: 300 };

/**
 * Mails a stranger can make us send to one address: "you already have an account" after a
 * registration with a taken address, a verification link sent again, a password-reset or
 * sign-in link (one budget for them all, key `account-mail:address:<org>:<email digest>`, counted
 * whether or not the address has an account). Past it the answer is the same and no mail is
 * written, so nobody can use the product to flood a reader's mailbox, and the budget shows nothing.
 */
export const ACCOUNT_MAIL_PER_ADDRESS: RateLimitRule = { limit: 3, windowSeconds: 3_600 };

/** Password-reset and sign-in links per ACCOUNT (whatever address or admin asked): bounds what any path can send one reader. */
export const ACCOUNT_MAIL_PER_ACCOUNT: RateLimitRule = { limit: 6, windowSeconds: 3600 };

/**
 * Requests for such mails per client address, across addresses: one address spraying many
 * readers' emails. Past it the answer is a 429 (it tells the sender about its own budget only:
 * it is counted before any account is looked up).
 */
export const ACCOUNT_MAIL_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 3600 };

/** Attempts to complete a reset or an emailed sign-in (link or code) per client address: guessing is hopeless, this bounds the work. */
export const EMAIL_LINK_ATTEMPT_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 900 };

/** The lockout notice by mail: at most one per account per lockout window (SIGNIN_FAILURE_PER_ACCOUNT_AND_IP). */
export const LOCKOUT_MAIL_PER_ACCOUNT: RateLimitRule = { limit: 1, windowSeconds: SIGNIN_FAILURE_PER_ACCOUNT_AND_IP.windowSeconds };

/**
 * Changes of email asked by one account: each mails the new address and the old one. A reader
 * changes address a few times a year; this stops a signed-in session (or a thief of one) from
 * using the form to mail-bomb arbitrary addresses.
 */
export const EMAIL_CHANGE_PER_ACCOUNT: RateLimitRule = { limit: 5, windowSeconds: 3600 };

/** Verification mails staff send a reader from the console, per reader: a slip of the finger is not a mail flood. */
export const STAFF_READER_MAIL_PER_READER: RateLimitRule = { limit: 5, windowSeconds: 3600 };


/**
 * Failed bearer authentications of the admin API (unknown, expired or revoked API tokens) per
 * client IP. A configured automation never fails this; a token is 256 random bits, so the limit
 * bounds the database work of someone probing, not the token's strength.
 */
export const API_TOKEN_FAILURE_PER_IP: RateLimitRule = { limit: 20, windowSeconds: 300 };
