import type { Account } from "../account.ts";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";
import { ApiTokensSection } from "./settings/ApiTokensSection.tsx";
import { EmailSection } from "./settings/EmailSection.tsx";
import { LinkedAccountsSection } from "./settings/LinkedAccountsSection.tsx";
import { PasswordSection } from "./settings/PasswordSection.tsx";
import { ProfileSection } from "./settings/ProfileSection.tsx";
import { SessionsSection } from "./settings/SessionsSection.tsx";

function Settings({ account }: { account: Account }) {
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Account settings</h1>
        <p className="mt-1 text-slate-600">Your profile, sign-in methods and the devices signed in to your account.</p>
      </div>
      <ProfileSection account={account} />
      <EmailSection account={account} />
      <PasswordSection account={account} />
      <SessionsSection />
      <LinkedAccountsSection account={account} />
      <ApiTokensSection account={account} />
    </>
  );
}

export function SettingsPage() {
  usePageTitle("Account settings");
  return <RequireAccount>{(account) => <Settings account={account} />}</RequireAccount>;
}
