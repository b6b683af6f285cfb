-- AlterEnum: an emailed link that confirms the deletion of a reader's account (README, "Data rights").
ALTER TYPE "EmailLinkPurpose" ADD VALUE 'delete_account';
