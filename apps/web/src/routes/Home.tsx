import { buttonClassName, ProductCard, Spinner } from "@glow/ui";
import { Link } from "react-router";
import { useAccount } from "../account.ts";
import { usePageTitle } from "../forms.ts";
import { PRODUCTS, type Product } from "../products.ts";
import { Dashboard } from "./Dashboard.tsx";

/** What the shared core gives every product, in a visitor's words. */
const CORE_FEATURES = [
  { name: "One account", description: "Sign up once: every product knows you, with one sign-in and one profile." },
  { name: "Yours to control", description: "See each device signed in to your account and sign any of them out from Settings." },
  {
    name: "Web, desktop and API",
    description: "Use Glow in the browser or the desktop app; developers get a typed client and a REST API.",
  },
] as const;

function ProductEntry({ product }: { product: Product }) {
  return (
    <ProductCard
      id={product.id}
      name={product.name}
      tagline={product.tagline}
      description={product.description}
      steps={product.steps}
      status={product.status}
      // A live product spans the row: it is the one a visitor can start today.
      className={product.status === "live" ? "sm:col-span-2" : undefined}
      action={
        product.status === "live" ? (
          <>
            <Link to={product.start.to} className={buttonClassName("primary")}>
              {product.start.label}
            </Link>
            {/* Without an account: a demo workspace where nothing is saved. */}
            {product.tryIt && (
              <Link to={product.tryIt.to} className={buttonClassName("secondary")}>
                {product.tryIt.label}
              </Link>
            )}
          </>
        ) : undefined
      }
    />
  );
}

/** `/` for visitors: what Glow is, its products, and the way to sign up or in. */
function FrontPage() {
  usePageTitle("One account, five products");
  return (
    <>
      <section
        aria-labelledby="front-title"
        className="flex flex-col gap-4 rounded-3xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-10"
      >
        <p className="text-sm font-semibold uppercase tracking-wide text-glow-700">One platform · five products · one core</p>
        <h1 id="front-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          Reset your feed, train, publish, shop and talk with one account
        </h1>
        <p className="max-w-2xl text-base text-slate-600 sm:text-lg">
          Glow is one platform with five products built on the same core, so one account and one set of security settings work in all of
          them. Start with Reset: a 7-day plan that brings your TikTok For You feed back to what you want to see.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/sign-up" className={buttonClassName("primary", "px-5 py-2.5 text-base")}>
            Create an account
          </Link>
          <Link to="/sign-in" className={buttonClassName("secondary", "px-5 py-2.5 text-base")}>
            Sign in
          </Link>
        </div>
      </section>

      <section aria-labelledby="products-title" className="flex flex-col gap-4">
        <div>
          <h2 id="products-title" className="text-xl font-semibold text-slate-900">
            The products
          </h2>
          <p className="text-sm text-slate-600">The ones marked Live are ready today; the others are on their way, to the same account.</p>
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {PRODUCTS.map((product) => (
            <ProductEntry key={product.id} product={product} />
          ))}
        </div>
      </section>

      <section aria-labelledby="core-title" className="flex flex-col gap-4">
        <h2 id="core-title" className="text-xl font-semibold text-slate-900">
          One core under all of them
        </h2>
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-3">
          {CORE_FEATURES.map((feature) => (
            <li key={feature.name} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <p className="font-semibold text-slate-900">{feature.name}</p>
              <p className="mt-1 text-sm text-slate-600">{feature.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/**
 * `/`: the front page for visitors, the Reset dashboard once signed in (sign-in, sign-up,
 * onboarding and every step's way back land here, so a signed-in person sees their day's plan).
 */
export function HomePage() {
  const me = useAccount();
  if (me.isLoading) return <Spinner label="Loading your account" />;
  if (me.data) return <Dashboard account={me.data} />;
  return <FrontPage />;
}
