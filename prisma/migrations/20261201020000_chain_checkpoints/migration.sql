-- CreateTable
CREATE TABLE "ChainCheckpoint" (
    "id" SERIAL NOT NULL,
    "chain" TEXT NOT NULL,
    "headSeq" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kid" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "ChainCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChainCheckpoint_chain_headSeq_idx" ON "ChainCheckpoint"("chain", "headSeq");
