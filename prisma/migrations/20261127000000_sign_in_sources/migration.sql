-- CreateTable
CREATE TABLE "sign_in_sources" (
    "subject" TEXT NOT NULL,
    "source_hash" BYTEA NOT NULL,
    "last_success_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_sources_pkey" PRIMARY KEY ("subject","source_hash")
);

-- CreateIndex
CREATE INDEX "sign_in_sources_expires_at_idx" ON "sign_in_sources"("expires_at");
