//! Prometheus metrics, served only on `METRICS_ADDR` (never on the card's port).
//!
//! Every label value is a `&'static str` from a fixed set: an account id, a
//! user id, an entity id or a token cannot become a label, by type.

use std::time::{Duration, Instant};

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
use sqlx::PgPool;

mod labels;

pub use labels::{client_label, endpoint_group};
use labels::{
    ActionLabels, AmoRequestLabels, ClientLabel, EndpointLabel, FieldEditLabels, KindLabel,
    OutcomeLabel, StoreOpLabels,
};

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

/// 1 ms … ~16 s: card and amoCRM latencies.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

pub struct Metrics {
    registry: Registry,
    started: Instant,
    card_opens: Family<OutcomeLabel, Counter>,
    card_clients: Family<ClientLabel, Counter>,
    card_first_byte: Histogram,
    card_complete: HistogramFamily<OutcomeLabel>,
    amo_requests: Family<AmoRequestLabels, Counter>,
    amo_duration: HistogramFamily<EndpointLabel>,
    amo_retries: Family<EndpointLabel, Counter>,
    amo_too_many: Counter,
    limiter_wait: Histogram,
    limiter_refused: Counter,
    rate_window_statements: Counter,
    refreshes: Family<OutcomeLabel, Counter>,
    idle_refreshes: Family<OutcomeLabel, Counter>,
    needs_reinstall: Counter,
    filter_ignored: Counter,
    actions: Family<ActionLabels, Counter>,
    action_duplicates: Family<KindLabel, Counter>,
    field_edits: Family<FieldEditLabels, Counter>,
    store_ops: Family<StoreOpLabels, Counter>,
    pool_connections: Gauge,
    pool_idle: Gauge,
    resident_memory: Gauge,
    uptime: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("amo_card");
        let card_opens = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "card_opens",
            "Card page requests by how they ended (ok, a blocked state, or a problem)",
            card_opens.clone(),
        );
        let card_clients = Family::<ClientLabel, Counter>::default();
        registry.register(
            "card_opens_by_client",
            "Card page requests by the client's `from` (ios, android, web, other, none)",
            card_clients.clone(),
        );
        let card_first_byte = latency_histogram();
        registry.register_with_unit(
            "card_first_byte",
            "Time from request to the response head and shell",
            Unit::Seconds,
            card_first_byte.clone(),
        );
        let card_complete: HistogramFamily<OutcomeLabel> =
            Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "card_complete",
            "Time from request until the card's data is ready to stream",
            Unit::Seconds,
            card_complete.clone(),
        );
        let amo_requests = Family::<AmoRequestLabels, Counter>::default();
        registry.register(
            "amo_requests",
            "amoCRM requests by endpoint group and answer class",
            amo_requests.clone(),
        );
        let amo_duration: HistogramFamily<EndpointLabel> =
            Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "amo_request_duration",
            "amoCRM request latency by endpoint group",
            Unit::Seconds,
            amo_duration.clone(),
        );
        let amo_retries = Family::<EndpointLabel, Counter>::default();
        registry.register(
            "amo_retries",
            "amoCRM GETs sent again after a 429, 5xx or connection error",
            amo_retries.clone(),
        );
        let amo_too_many = Counter::default();
        registry.register(
            "amo_429",
            "429 Too Many Requests answers from amoCRM",
            amo_too_many.clone(),
        );
        let limiter_wait = latency_histogram();
        registry.register_with_unit(
            "rate_limit_wait",
            "Time an amoCRM call waited for its rate-limit slot",
            Unit::Seconds,
            limiter_wait.clone(),
        );
        let limiter_refused = Counter::default();
        registry.register(
            "rate_limit_refused",
            "amoCRM calls refused because no slot was free within the wait bound",
            limiter_refused.clone(),
        );
        let refreshes = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "token_refreshes",
            "OAuth token refreshes by result (refreshed, reused, revoked, failed)",
            refreshes.clone(),
        );
        let rate_window_statements = Counter::default();
        registry.register(
            "rate_window_statements",
            "Postgres statements taken for the shared amoCRM rate window (one per round trip of a card, not one per call)",
            rate_window_statements.clone(),
        );
        let idle_refreshes = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "idle_grant_refreshes",
            "Background refreshes of grants no card used for weeks, before amoCRM's three months run out (refreshed, revoked, config, failed)",
            idle_refreshes.clone(),
        );
        let filter_ignored = Counter::default();
        registry.register(
            "list_filter_ignored",
            "Filtered amoCRM lists that came back unfiltered (an account without paid filtering)",
            filter_ignored.clone(),
        );
        let needs_reinstall = Counter::default();
        registry.register(
            "needs_reinstall_transitions",
            "Accounts whose grant was found revoked and marked needs_reinstall",
            needs_reinstall.clone(),
        );
        let actions = Family::<ActionLabels, Counter>::default();
        registry.register(
            "quick_actions",
            "Quick actions by kind and outcome",
            actions.clone(),
        );
        let action_duplicates = Family::<KindLabel, Counter>::default();
        registry.register(
            "quick_action_duplicates",
            "Quick-action submissions recognised as repeats by their idempotency key",
            action_duplicates.clone(),
        );
        let field_edits = Family::<FieldEditLabels, Counter>::default();
        registry.register(
            "field_edits",
            "Field edits from the card by the field's type and outcome (values are never recorded)",
            field_edits.clone(),
        );
        let store_ops = Family::<StoreOpLabels, Counter>::default();
        registry.register(
            "session_store_operations",
            "Card session store operations by kind and result",
            store_ops.clone(),
        );
        let pool_connections = Gauge::default();
        registry.register(
            "db_pool_connections",
            "Open Postgres connections in this process' pool",
            pool_connections.clone(),
        );
        let pool_idle = Gauge::default();
        registry.register(
            "db_pool_idle_connections",
            "Idle Postgres connections in this process' pool",
            pool_idle.clone(),
        );
        let resident_memory = Gauge::default();
        registry.register_with_unit(
            "process_resident_memory",
            "Resident set size of this process",
            Unit::Bytes,
            resident_memory.clone(),
        );
        let uptime = Gauge::default();
        registry.register_with_unit(
            "process_uptime",
            "Time since this process started serving",
            Unit::Seconds,
            uptime.clone(),
        );
        Self {
            registry,
            started: Instant::now(),
            card_opens,
            card_clients,
            card_first_byte,
            card_complete,
            amo_requests,
            amo_duration,
            amo_retries,
            amo_too_many,
            limiter_wait,
            limiter_refused,
            rate_window_statements,
            refreshes,
            idle_refreshes,
            needs_reinstall,
            filter_ignored,
            actions,
            action_duplicates,
            field_edits,
            store_ops,
            pool_connections,
            pool_idle,
            resident_memory,
            uptime,
        }
    }

    /// A card request that ended before any amoCRM call (a blocked state or our store).
    pub fn card_open(&self, outcome: &'static str) {
        self.card_opens
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
    }

    /// A card request, by the client it names (see [`client_label`]).
    pub fn card_client(&self, client: &'static str) {
        self.card_clients
            .get_or_create(&ClientLabel { client })
            .inc();
    }

    pub fn card_first_byte(&self, took: Duration) {
        self.card_first_byte.observe(took.as_secs_f64());
    }

    /// A card whose data finished loading (ok or a problem), counted as an open too.
    pub fn card_loaded(&self, outcome: &'static str, took: Duration) {
        self.card_open(outcome);
        self.card_complete
            .get_or_create(&OutcomeLabel { outcome })
            .observe(took.as_secs_f64());
    }

    /// One amoCRM answer (or failure to get one) for `path`.
    pub fn amo_request(&self, path: &str, status: Option<u16>, took: Duration) {
        let endpoint = endpoint_group(path);
        let status = match status {
            None => "error",
            Some(200..=299) => "2xx",
            Some(429) => "429",
            Some(400..=499) => "4xx",
            Some(500..=599) => "5xx",
            Some(_) => "other",
        };
        if status == "429" {
            self.amo_too_many.inc();
        }
        self.amo_requests
            .get_or_create(&AmoRequestLabels { endpoint, status })
            .inc();
        self.amo_duration
            .get_or_create(&EndpointLabel { endpoint })
            .observe(took.as_secs_f64());
    }

    pub fn amo_retry(&self, path: &str) {
        self.amo_retries
            .get_or_create(&EndpointLabel {
                endpoint: endpoint_group(path),
            })
            .inc();
    }

    pub fn limiter_waited(&self, waited: Duration) {
        self.limiter_wait.observe(waited.as_secs_f64());
    }

    /// The counter the shared rate window counts its statements in.
    pub fn rate_window_statements(&self) -> Counter {
        self.rate_window_statements.clone()
    }

    pub fn limiter_refused(&self) {
        self.limiter_refused.inc();
    }

    /// A background refresh of an idle grant: `refreshed`, `revoked`,
    /// `config` (amoCRM refused our client settings) or `failed`.
    pub fn idle_refresh(&self, outcome: &'static str) {
        self.idle_refreshes
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
    }

    pub fn filter_ignored(&self) {
        self.filter_ignored.inc();
    }

    /// `refreshed`, `reused` (another caller refreshed), `revoked`, `config`
    /// (amoCRM refused the integration's own settings) or `failed`.
    pub fn refresh(&self, outcome: &'static str) {
        self.refreshes
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
        if outcome == "revoked" {
            self.needs_reinstall.inc();
        }
    }

    pub fn action(&self, kind: &'static str, outcome: &'static str) {
        self.actions
            .get_or_create(&ActionLabels { kind, outcome })
            .inc();
        if outcome == "duplicate" {
            self.action_duplicates
                .get_or_create(&KindLabel { kind })
                .inc();
        }
    }

    /// One field edit: `field_type` as `Control::label`, `outcome` as the quick action's.
    pub fn field_edit(&self, field_type: &'static str, outcome: &'static str) {
        self.field_edits
            .get_or_create(&FieldEditLabels {
                field_type,
                outcome,
            })
            .inc();
    }

    /// `op`: open, find, claim, cleanup; `ok` tells whether the store answered.
    pub fn store_op(&self, op: &'static str, ok: bool) {
        let result = if ok { "ok" } else { "error" };
        self.store_ops
            .get_or_create(&StoreOpLabels { op, result })
            .inc();
    }

    /// The text exposition, with the gauges read now.
    pub fn render(&self, pool: Option<&PgPool>) -> String {
        if let Some(pool) = pool {
            self.pool_connections.set(i64::from(pool.size()));
            self.pool_idle
                .set(i64::try_from(pool.num_idle()).unwrap_or(i64::MAX));
        }
        self.resident_memory
            .set(i64::try_from(resident_bytes()).unwrap_or(i64::MAX));
        self.uptime
            .set(i64::try_from(self.started.elapsed().as_secs()).unwrap_or(i64::MAX));
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            tracing::error!("metrics encoding failed");
        }
        out
    }
}

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_five_labels() {
        let cases = [
            (Some("ios"), "ios"),
            (Some("iOS"), "ios"),
            (Some("android"), "android"),
            (Some("web"), "web"),
            (Some("preview"), "web"),
            (Some("watchos"), "other"),
            (Some("<script>"), "other"),
            (Some(""), "none"),
            (None, "none"),
        ];
        for (from, want) in cases {
            assert_eq!(client_label(from), want, "{from:?}");
        }
    }

    #[test]
    fn endpoint_groups_never_carry_ids() {
        let cases = [
            ("/api/v4/leads/4242?with=contacts", "leads"),
            ("/api/v4/leads/pipelines", "pipelines"),
            (
                "/api/v4/leads/custom_fields?limit=50&page=2",
                "custom_fields",
            ),
            ("/api/v4/customers/77?with=contacts,companies", "customers"),
            ("/api/v4/customers/statuses", "customer_statuses"),
            ("/api/v4/leads/9/notes", "notes"),
            ("/api/v4/customers/9/notes?page=2", "notes"),
            ("/api/v4/contacts?filter[id][]=1", "contacts"),
            ("/api/v4/companies/5", "companies"),
            ("/api/v4/tasks/31", "tasks"),
            ("/api/v4/tasks?filter[entity_id]=4", "tasks"),
            ("/api/v4/users?limit=250", "users"),
            ("/api/v4/account?with=task_types", "account"),
            ("/oauth2/access_token", "oauth_token"),
            ("/api/v4/events?filter[entity]=lead", "events"),
            ("/api/v4/unknown/1", "other"),
            ("/elsewhere", "other"),
        ];
        for (path, group) in cases {
            assert_eq!(endpoint_group(path), group, "{path}");
        }
    }

    #[test]
    fn the_exposition_has_every_family_and_ends_like_openmetrics() {
        let m = Metrics::new();
        m.card_open("no-token");
        m.amo_request("/api/v4/leads/1", Some(200), Duration::from_millis(3));
        m.refresh("revoked");
        let text = m.render(None);
        assert!(text.contains(r#"amo_card_card_opens_total{outcome="no-token"} 1"#));
        assert!(text.contains(r#"amo_card_amo_requests_total{endpoint="leads",status="2xx"} 1"#));
        assert!(text.contains("amo_card_needs_reinstall_transitions_total 1"));
        assert!(text.contains("amo_card_process_resident_memory_bytes"));
        assert!(text.trim_end().ends_with("# EOF"));
    }
}
