-- Rows written before digests existed have none: the next evaluation of each subject compares it the long way and fills it in.
ALTER TABLE "subject_verdicts" ADD COLUMN "digest" text;
