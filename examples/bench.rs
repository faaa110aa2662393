//! `make bench`: how fast, how small, how many amoCRM calls.
//!
//! Runs the real server (release build) in-process against the fake amoCRM on
//! loopback and a fresh Postgres database, drives it with fresh tokens, and
//! writes `bench/results.md`. Each point runs several times; medians reported.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use amo_mobile_card::demo::fake::{FakeAmo, Faults};
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, CUSTOMER, LEAD_RU, USER_ANNA};
use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::amo::rate_limit::SharedWindow;
use amo_mobile_card::server::config::Settings;
use amo_mobile_card::server::startup::Application;
use amo_mobile_card::server::token;
use futures::future::join_all;
use leptos::config::LeptosOptions;
use sqlx::{Connection, Executor, PgConnection};

const RUNS: usize = 3;
const SECRET: &str = "bench-secret";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    percentile(&v, 0.5)
}

struct Env {
    base: String,
    settings: Settings,
    fake: FakeAmo,
    client: reqwest::Client,
}

impl Env {
    fn url(&self, kind: EntityKind) -> String {
        let id = if kind == EntityKind::Lead {
            LEAD_RU
        } else {
            CUSTOMER
        };
        let now = chrono::Utc::now().timestamp();
        let claims = token::sample_claims(
            &self.settings,
            "example",
            ACCOUNT_ID,
            USER_ANNA,
            kind,
            id,
            now,
        );
        format!(
            "{}/?token={}&from=bench",
            self.base,
            token::mint(&claims, SECRET)
        )
    }
}

/// `n` card opens at `concurrency`; returns sorted latencies (ms) and wall time.
async fn load(env: &Env, kind: EntityKind, n: usize, concurrency: usize) -> (Vec<f64>, Duration) {
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(n);
    let per_worker = n / concurrency;
    let workers = (0..concurrency).map(|_| async {
        let mut out = Vec::with_capacity(per_worker);
        for _ in 0..per_worker {
            let url = env.url(kind);
            let t = Instant::now();
            let res = env.client.get(url).send().await;
            if let Ok(r) = res {
                let _ = r.bytes().await;
            }
            out.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        out
    });
    for w in join_all(workers).await {
        latencies.extend(w);
    }
    latencies.sort_by(|a, b| a.total_cmp(b));
    (latencies, started.elapsed())
}

fn rss_peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// The `data-card-state` of a card page.
fn card_state(body: &str) -> Option<String> {
    let start = body.find("data-card-state=\"")? + "data-card-state=\"".len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

/// Latency of one `take_rate_slot` round trip, alone and with 16 callers on 50 accounts.
async fn shared_slot_cost(db: &str) -> String {
    let pool = sqlx::PgPool::connect(db).await.expect("pool");
    let window = SharedWindow::new(pool, 1_000_000, Duration::from_millis(1_150));
    let window = &window;
    let mut out = String::from(
        "## 7. Shared rate-limit slot (one Postgres call per amoCRM request)\n\n| callers | p50 ms | p99 ms | slots/s |\n|---|---|---|---|\n",
    );
    for concurrency in [1usize, 16] {
        let per_worker = 2_000 / concurrency;
        let started = Instant::now();
        let workers = (0..concurrency).map(|w| async move {
            let mut times = Vec::with_capacity(per_worker);
            for i in 0..per_worker {
                let key = format!("bench-{}.amocrm.ru", (w + i) % 50);
                let t = Instant::now();
                window.try_take(&key).await.expect("slot");
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times
        });
        let mut times: Vec<f64> = join_all(workers).await.into_iter().flatten().collect();
        let wall = started.elapsed();
        times.sort_by(|a, b| a.total_cmp(b));
        out.push_str(&format!(
            "| {concurrency} | {:.2} | {:.2} | {:.0} |\n",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.len() as f64 / wall.as_secs_f64()
        ));
    }
    out.push('\n');
    out
}

#[tokio::main]
async fn main() {
    let admin = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut conn = PgConnection::connect(&admin).await.expect("postgres");
    let _ = conn
        .execute(r#"DROP DATABASE IF EXISTS "amc_bench" WITH (FORCE)"#)
        .await;
    conn.execute(r#"CREATE DATABASE "amc_bench""#)
        .await
        .expect("create db");
    let db = format!(
        "{}/amc_bench",
        admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin)
    );

    if std::env::var("BENCH_ONLY").as_deref() == Ok("slot") {
        sqlx::migrate!("./migrations")
            .run(&sqlx::PgPool::connect(&db).await.expect("pool"))
            .await
            .expect("migrate");
        println!("{}", shared_slot_cost(&db).await);
        return;
    }

    let fake = FakeAmo::new();
    // Measure our side: the fake answers instantly and does not throttle.
    fake.set_faults(Faults {
        no_rate_limit: true,
        ..Default::default()
    });
    let fake_url = fake.spawn().await.expect("fake");
    let pairs = [
        (
            "AMO_CLIENT_ID",
            "5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11".to_owned(),
        ),
        ("AMO_CLIENT_SECRET", SECRET.to_owned()),
        (
            "AMO_REDIRECT_URI",
            "https://card.example.com/oauth/callback".to_owned(),
        ),
        ("DATABASE_URL", db.clone()),
        (
            "TOKEN_ENCRYPTION_KEY",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned(),
        ),
        ("AMO_API_BASE_URL", fake_url.to_string()),
        // Phases 1-3 measure the server alone; phase 5 runs a second instance with amoCRM's limit.
        ("AMO_RATE_LIMIT_PER_SECOND", "1000".to_owned()),
    ];
    let settings =
        Settings::from_lookup(|k| pairs.iter().find(|(p, _)| *p == k).map(|(_, v)| v.clone()))
            .expect("settings");
    let options = LeptosOptions::builder()
        .output_name("amo-mobile-card")
        .site_root("target/site")
        .build();
    let app = Application::build(
        settings.clone(),
        options,
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("app");
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .expect("client");
    let code = fake.issue_code(ACCOUNT_ID);
    let install = client
        .get(format!("{base}/oauth/callback?code={code}&referer=example.amocrm.ru&client_id=5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11"))
        .send()
        .await
        .expect("install");
    assert!(install.status().is_success(), "install failed");
    let env = Env {
        base: base.clone(),
        settings,
        fake: fake.clone(),
        client,
    };

    let mut report = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    report.push_str(&format!(
        "# Benchmark results\n\nMachine: {} cores, {cpu}. Release build; fake amoCRM on loopback; Postgres 15 local. Medians of {RUNS} runs.\n\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    ));

    // Warm up the metadata cache and connections.
    let _ = load(&env, EntityKind::Lead, 50, 5).await;
    let _ = load(&env, EntityKind::Customer, 50, 5).await;

    // 1 and 2: latency and throughput.
    report.push_str("## 1–2. Server overhead per card open (fresh token per request)\n\n| card | concurrency | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|\n");
    for kind in [EntityKind::Lead, EntityKind::Customer] {
        for (c, n) in [(1usize, 200usize), (64, 1280)] {
            let mut p50 = Vec::new();
            let mut p95 = Vec::new();
            let mut p99 = Vec::new();
            let mut rps = Vec::new();
            for _ in 0..RUNS {
                let (l, wall) = load(&env, kind, n, c).await;
                p50.push(percentile(&l, 0.5));
                p95.push(percentile(&l, 0.95));
                p99.push(percentile(&l, 0.99));
                rps.push(n as f64 / wall.as_secs_f64());
            }
            report.push_str(&format!(
                "| {} | {c} | {:.2} | {:.2} | {:.2} | {:.0} |\n",
                kind.api_name(),
                median(p50),
                median(p95),
                median(p99),
                median(rps)
            ));
        }
    }
    let rss_after_load = rss_peak_kb();

    // Floor: the same HTML bytes from a plain axum handler.
    let html = env
        .client
        .get(env.url(EntityKind::Lead))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let floor_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let floor_addr = floor_listener.local_addr().expect("addr");
    let page = html.clone();
    tokio::spawn(async move {
        let router = axum::Router::new().route(
            "/",
            axum::routing::get(move || {
                let p = page.clone();
                async move { axum::response::Html(p) }
            }),
        );
        let _ = axum::serve(floor_listener, router).await;
    });
    let mut floor_rps = Vec::new();
    for _ in 0..RUNS {
        let n = 2560;
        let started = Instant::now();
        let workers = (0..64).map(|_| {
            let client = env.client.clone();
            let url = format!("http://{floor_addr}/");
            async move {
                for _ in 0..n / 64 {
                    if let Ok(r) = client.get(&url).send().await {
                        let _ = r.bytes().await;
                    }
                }
            }
        });
        join_all(workers).await;
        floor_rps.push(n as f64 / started.elapsed().as_secs_f64());
    }
    let (_, wall) = load(&env, EntityKind::Lead, 2560, 64).await;
    let card_rps = 2560.0 / wall.as_secs_f64();
    let floor = median(floor_rps);
    report.push_str(&format!(
        "\nFloor (same {} HTML bytes from a plain axum handler, concurrency 64): {floor:.0} req/s; card / floor = {:.4}.\n\n",
        html.len(),
        card_rps / floor
    ));

    // 3: TTFB while amoCRM is slow.
    env.fake.set_faults(Faults {
        latency_ms: 1000,
        no_rate_limit: true,
        ..Default::default()
    });
    let mut ttfb = Vec::new();
    let mut full = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut res = env
            .client
            .get(env.url(EntityKind::Lead))
            .send()
            .await
            .expect("card");
        let _first = res.chunk().await;
        ttfb.push(t.elapsed().as_secs_f64() * 1000.0);
        while let Ok(Some(_)) = res.chunk().await {}
        full.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    env.fake.set_faults(Faults {
        no_rate_limit: true,
        ..Default::default()
    });
    report.push_str(&format!(
        "## 3. amoCRM answering after 1 s\n\nTTFB (shell and skeleton): {:.1} ms; complete card: {:.0} ms (warm card: two sequential round trips).\n\n",
        median(ttfb),
        median(full)
    ));

    // 5: calls per card open and the burst.
    let warm_calls = {
        env.fake.reset_counts();
        let _ = load(&env, EntityKind::Lead, 1, 1).await;
        env.fake.api_calls()
    };
    // A second server with amoCRM's real limit (7/s) on the same database and fake.
    let mut limited_settings = env.settings.clone();
    limited_settings.rate_limit_per_second = 7;
    let limited_settings_wait = limited_settings.rate_limit_max_wait;
    let options = LeptosOptions::builder()
        .output_name("amo-mobile-card")
        .site_root("target/site")
        .build();
    let limited = Application::build(
        limited_settings,
        options,
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("app");
    let limited_env = Env {
        base: format!("http://{}", limited.local_addr()),
        settings: env.settings.clone(),
        fake: env.fake.clone(),
        client: env.client.clone(),
    };
    tokio::spawn(limited.run_until_stopped());
    let _ = load(&limited_env, EntityKind::Lead, 1, 1).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    env.fake.set_faults(Faults::default());
    env.fake.reset_counts();
    let started = Instant::now();
    let opens = (0..100).map(|_| {
        let env = &limited_env;
        async move {
            let Ok(res) = env.client.get(env.url(EntityKind::Lead)).send().await else {
                return "error".to_owned();
            };
            let body = res.text().await.unwrap_or_default();
            card_state(&body).unwrap_or_else(|| "error".to_owned())
        }
    });
    let states = join_all(opens).await;
    let burst_wall = started.elapsed();
    let count = |state: &str| states.iter().filter(|s| s.as_str() == state).count();
    report.push_str(&format!(
        "## 5. amoCRM calls\n\nWarm lead card: {warm_calls} calls (entity, then contacts + company + tasks concurrently). \
         Cold card (empty metadata cache): +3 (account, pipelines, users), see `cards::warm_card_costs_at_most_four_calls_and_no_metadata`.\n\
         Burst of 100 concurrent card opens of one account with amoCRM's limit on (7 per 1.15 s, shared window, callers wait at most {} ms): \
         {} rendered, {} showed \"too many requests\", {} other; {} API calls, peak {} per second per account, 429s seen {}, {:.1} s.\n\n",
        limited_settings_wait.as_millis(),
        count("ok"),
        count("rate-limited"),
        states.len() - count("ok") - count("rate-limited"),
        env.fake.api_calls(),
        env.fake.peak_per_second(),
        env.fake.too_many_requests(),
        burst_wall.as_secs_f64()
    ));

    // 7: what the shared rate-limit slot costs per amoCRM call.
    report.push_str(&shared_slot_cost(&db).await);

    // 6: memory.
    report.push_str(&format!(
        "## 6. Memory\n\nPeak RSS of the process (server, fake amoCRM and load generator together) after the concurrency-64 runs: {:.1} MiB.\n",
        rss_after_load as f64 / 1024.0
    ));

    std::fs::create_dir_all("bench").expect("bench dir");
    let payload = std::fs::read_to_string("bench/payload.md").unwrap_or_default();
    std::fs::write("bench/results.md", format!("{report}\n{payload}")).expect("write results");
    println!("{report}\n{payload}");
}
