//! Demo mode and the test double: a fake amoCRM served over real HTTP
//! (`fake`), the sample records it serves (`fixtures`) and the `/__demo/*`
//! routes that steer it (`routes`).

pub mod fake;
pub mod fixtures;
pub mod routes;
pub mod start;

use crate::model::LayoutScope;
use crate::server::card::layout_store::LayoutStore;
use axum::Router;

use crate::server::amo::accounts::Accounts;
use crate::server::base::config::Settings;
use crate::server::base::samples::PreviewSamples;
use crate::server::state::AppState;
use fake::FakeAmo;

/// Demo mode's one door into the server. Started before the amoCRM client is
/// built (it points the settings at the fake), it installs the demo accounts
/// and brings its own `/__demo/*` routes, which carry the fake themselves:
/// the production state never holds it.
pub struct Demo {
    fake: FakeAmo,
}

impl Demo {
    /// In demo mode, serves the fake amoCRM on a loopback port and sends every
    /// amoCRM call there; `None` in production.
    pub async fn start(settings: &mut Settings) -> std::io::Result<Option<Self>> {
        if !settings.is_demo() {
            return Ok(None);
        }
        let fake = FakeAmo::new().with_rate_limit(settings.rate_limit_per_second);
        settings.api_base_url = Some(fake.spawn().await?);
        Ok(Some(Self { fake }))
    }

    /// The sample account, one with customers switched off (for the preview),
    /// and as many more as `DEMO_ACCOUNTS` asks for (load tests), each through
    /// the real code exchange.
    pub async fn install_accounts(&self, accounts: &Accounts, count: usize) -> std::io::Result<()> {
        for (account, host) in fixtures::demo_accounts(count) {
            let code = self.fake.issue_code(account);
            accounts
                .install(&host, &code)
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        }
        Ok(())
    }

    /// Ships the demo's layout for the sample pipeline (again, over any change).
    pub async fn ship_layout(layouts: &LayoutStore) -> std::io::Result<()> {
        layouts
            .replace(
                fixtures::ACCOUNT_ID,
                LayoutScope::Pipeline(1),
                Some(&fixtures::demo_layout()),
                fixtures::USER_ANNA,
            )
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))
    }

    /// What the preview offers: the sample users, records and accounts.
    pub fn preview_samples(&self) -> PreviewSamples {
        PreviewSamples {
            users: fixtures::USERS.to_vec(),
            default_user: fixtures::USER_ANNA,
            // Maria's group does not hold Anna's records.
            user_without_rights: fixtures::USER_MARIA,
            account: fixtures::ACCOUNT_ID,
            account_without_customers: fixtures::ACCOUNT_NO_CUSTOMERS,
            lead: fixtures::sample_record(crate::model::EntityKind::Lead),
            customer: fixtures::sample_record(crate::model::EntityKind::Customer),
            start_page: start::page,
        }
    }

    /// `/__demo/*`, steering this demo's fake.
    pub fn routes(&self) -> Router<AppState> {
        routes::router(self.fake.clone())
    }
}
