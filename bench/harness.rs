//! `make bench`: how fast, how small, how many amoCRM calls.
//!
//! Three processes, so their CPU is not confused: the **server** is the release
//! binary, the **fake amoCRM** is this program started again with
//! `BENCH_ROLE=fake`, and the load comes from `wrk` (cards and the static
//! floor) or from this program (cold/warm series, bursts). The server has
//! [`ACCOUNTS`] accounts installed, each on its own host, and the load opens
//! leads and customers of all of them in turn, so amoCRM's per-account limit
//! is not what caps the figures; a separate phase keeps the real 7 rps and
//! shows that it holds per account. Writes `bench/results.md`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use amo_mobile_card::demo::fake::{FakeAmo, Faults};
use amo_mobile_card::demo::fixtures::{CUSTOMER, LEAD_RU, USER_ANNA};
use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::amo::rate_limit::SharedWindow;
use amo_mobile_card::server::auth::token;
use amo_mobile_card::server::base::config::Settings;
use futures::future::join_all;
use sqlx::{Connection, Executor, PgConnection};

const RUNS: usize = 3;
const SECRET: &str = "bench-secret";
const CLIENT_ID: &str = "5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11";
/// Accounts installed for the capacity phases.
const ACCOUNTS: i64 = 50;
/// Seconds per `wrk` run.
const WRK_SECONDS: u32 = 6;
const SERVER_PORT: u16 = 3497;
const BIN: &str = "target/release/amo-mobile-card";

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

/// `path` on the server under test.
fn server_url(path: &str) -> String {
    format!("http://127.0.0.1:{SERVER_PORT}{path}")
}

fn account_id(i: i64) -> i64 {
    31_100_000 + i
}

fn host(i: i64) -> String {
    format!("bench-{i}.amocrm.ru")
}

/// user+sys CPU of a process so far, in milliseconds.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after ')'.
    (ticks(11) + ticks(12)) * 10.0
}

/// user+sys CPU of every Postgres process (the backends serving the server's
/// pool included), in milliseconds.
fn postgres_cpu_ms() -> f64 {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|c| c.trim() == "postgres")
        })
        .map(cpu_ms)
        .sum()
}

/// Busy CPU of the whole machine, all cores, in milliseconds.
fn machine_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    let idle = ticks.get(3).copied().unwrap_or(0.0) + ticks.get(4).copied().unwrap_or(0.0);
    (ticks.iter().take(8).sum::<f64>() - idle) * 10.0
}

fn rss_peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
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

/// `BENCH_ROLE=fake`: the fake amoCRM alone, plus a route that issues install codes.
async fn run_fake() {
    let fake = FakeAmo::new();
    fake.set_faults(Faults {
        no_rate_limit: true,
        ..Default::default()
    });
    let issuer = fake.clone();
    let router = fake.router().route(
        "/__bench/code/{account}",
        axum::routing::get(
            move |axum::extract::Path(account): axum::extract::Path<i64>| {
                let code = issuer.issue_code(account);
                async move { code }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("FAKE_URL http://{}/", listener.local_addr().expect("addr"));
    let _ = std::io::stdout().flush();
    let _ = axum::serve(listener, router).await;
}

struct Procs {
    fake: Child,
    fake_url: String,
    server: Option<Child>,
}

impl Drop for Procs {
    fn drop(&mut self) {
        let _ = self.fake.kill();
        let _ = self.fake.wait();
        if let Some(s) = &mut self.server {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}

fn settings(db: &str, fake_url: &str, rate: usize) -> (Settings, Vec<(String, String)>) {
    let pairs: Vec<(String, String)> = [
        ("AMO_CLIENT_ID", CLIENT_ID.to_owned()),
        ("AMO_CLIENT_SECRET", SECRET.to_owned()),
        (
            "AMO_REDIRECT_URI",
            "https://card.example.com/oauth/callback".to_owned(),
        ),
        ("DATABASE_URL", db.to_owned()),
        (
            "TOKEN_ENCRYPTION_KEY",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned(),
        ),
        ("AMO_API_BASE_URL", fake_url.to_owned()),
        ("AMO_RATE_LIMIT_PER_SECOND", rate.to_string()),
        // As behind a proxy: each install comes from its own administrator's
        // address, so the callback throttle (20 a minute per address) does not
        // stop the 50 installs.
        ("TRUST_PROXY_HEADERS", "true".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let s = Settings::from_lookup(|k| pairs.iter().find(|(p, _)| p == k).map(|(_, v)| v.clone()))
        .expect("settings");
    (s, pairs)
}

async fn start_server(pairs: &[(String, String)]) -> Child {
    let mut child = Command::new(BIN)
        .envs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{SERVER_PORT}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_OUTPUT_NAME", "amo-mobile-card")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .spawn()
        .expect("start the release server (cargo leptos build --release)");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client
            .get(server_url("/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

/// A card link for account `i`; leads and customers alternate with `n`.
fn card_path(settings: &Settings, i: i64, n: usize) -> String {
    let kind = if n % 2 == 0 {
        EntityKind::Lead
    } else {
        EntityKind::Customer
    };
    let id = if kind == EntityKind::Lead {
        LEAD_RU
    } else {
        CUSTOMER
    };
    let now = chrono::Utc::now().timestamp();
    let mut claims =
        token::sample_claims(settings, "bench", account_id(i), USER_ANNA, kind, id, now);
    token::point_at_host(&mut claims, &host(i));
    format!("/?token={}&from=bench", token::mint(&claims, SECRET))
}

struct WrkResult {
    requests: f64,
    rps: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    bad: f64,
}

/// One `wrk` run against `path` (or, with `tokens`, one fresh card link per request).
fn wrk(connections: u32, path: &str, tokens: Option<&str>) -> WrkResult {
    let threads = connections.min(2);
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t",
        &threads.to_string(),
        "-c",
        &connections.to_string(),
        "-d",
        &format!("{WRK_SECONDS}s"),
        "--timeout",
        "10s",
        "-s",
        "bench/wrk.lua",
        &server_url(path),
    ]);
    cmd.env("BENCH_THREADS", threads.to_string());
    if let Some(file) = tokens {
        cmd.env("BENCH_TOKENS", file);
    }
    let out = cmd.output().expect("wrk (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("wrk printed no result: {text}"));
    let v: Vec<f64> = line
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    WrkResult {
        requests: v[0],
        rps: v[0] / (v[1] / 1e6),
        p50: v[2],
        p95: v[3],
        p99: v[4],
        bad: v[5],
    }
}

/// The stylesheet's path: release builds name it by content (`hash.txt` beside the binary).
fn css_path() -> String {
    let hash = std::fs::read_to_string("target/release/hash.txt")
        .ok()
        .and_then(|h| {
            h.lines()
                .find_map(|l| l.strip_prefix("css:").map(|v| v.trim().to_owned()))
        });
    match hash {
        Some(h) => format!("/pkg/amo-mobile-card.{h}.css"),
        None => "/pkg/amo-mobile-card.css".to_owned(),
    }
}

/// Writes `n` fresh card links over all accounts to a file for `wrk`.
fn token_file(settings: &Settings, n: usize, name: &str) -> String {
    let path = format!("/tmp/amc-bench-{name}.txt");
    let mut out = String::with_capacity(n * 700);
    for k in 0..n {
        let i = (k as i64 % ACCOUNTS) + 1;
        out.push_str(&card_path(settings, i, k / ACCOUNTS as usize));
        out.push('\n');
    }
    std::fs::write(&path, out).expect("token file");
    path
}

/// `perf record` on the server during a concurrency-64 run, then the symbols
/// that took the most samples. `None` when perf is missing or not allowed.
fn profile_server(settings: &Settings, server_pid: u32) -> Option<String> {
    let file = token_file(settings, 25_000, "profile");
    let data = "/tmp/amc-bench.perf";
    let mut perf = Command::new("perf")
        .args([
            "record",
            "-F",
            "499",
            "-o",
            data,
            "-p",
            &server_pid.to_string(),
        ])
        .args(["--", "sleep", &(WRK_SECONDS - 1).to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let run = wrk(64, "/", Some(&file));
    perf.wait().ok().filter(|s| s.success())?;
    let report = |sort: &str, limit: &str| -> String {
        Command::new("perf")
            .args([
                "report",
                "-i",
                data,
                "--stdio",
                "--no-children",
                "--sort",
                sort,
            ])
            .args(["--percent-limit", limit])
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                    .take(25)
                    // perf pads the symbol column to the terminal's width.
                    .map(|l| {
                        let words: Vec<&str> = l.split_whitespace().collect();
                        let end = words.iter().rposition(|w| *w != "-").map_or(0, |i| i + 1);
                        format!("{}\n", words[..end].join(" "))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let by_dso = report("dso", "0.5");
    let table = report("dso,symbol", "1");
    Some(format!(
        "## 10. Where a card open's time goes\n\n`perf record -F 499` on the server process during a concurrency-64 run ({:.0} opens/s while profiled). \
         By library:\n\n```\n{by_dso}```\n\nThe symbols with at least 1% of the samples:\n\n```\n{table}```\n\n",
        run.rps
    ))
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
                window.try_take(&key, 1).await.expect("slot");
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

async fn fresh_db() -> String {
    let admin = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut conn = PgConnection::connect(&admin).await.expect("postgres");
    let _ = conn
        .execute(r#"DROP DATABASE IF EXISTS "amc_bench" WITH (FORCE)"#)
        .await;
    conn.execute(r#"CREATE DATABASE "amc_bench""#)
        .await
        .expect("create db");
    format!(
        "{}/amc_bench",
        admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin)
    )
}

fn start_fake() -> Procs {
    let mut fake = Command::new(std::env::current_exe().expect("exe"))
        .env("BENCH_ROLE", "fake")
        .stdout(Stdio::piped())
        .spawn()
        .expect("fake");
    let mut line = String::new();
    let stdout = fake.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("fake url");
    let fake_url = line
        .trim()
        .strip_prefix("FAKE_URL ")
        .expect("fake url line")
        .to_owned();
    Procs {
        fake,
        fake_url,
        server: None,
    }
}

async fn set_faults(client: &reqwest::Client, fake_url: &str, faults: serde_json::Value) {
    client
        .post(format!("{fake_url}__fake/faults"))
        .json(&faults)
        .send()
        .await
        .expect("faults");
}

async fn fake_stats(client: &reqwest::Client, fake_url: &str, endpoint: &str) -> serde_json::Value {
    client
        .get(format!("{fake_url}__fake/stats"))
        .query(&[("endpoint", endpoint)])
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats json")
}

/// Opens a card once and returns (latency ms, card state).
async fn open(client: &reqwest::Client, path: &str) -> (f64, String) {
    let t = Instant::now();
    let body = match client.get(server_url(path)).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    (
        t.elapsed().as_secs_f64() * 1000.0,
        card_state(&body).unwrap_or_else(|| "error".into()),
    )
}

#[tokio::main]
async fn main() {
    if std::env::var("BENCH_ROLE").as_deref() == Ok("fake") {
        run_fake().await;
        return;
    }
    let db = fresh_db().await;
    if std::env::var("BENCH_ONLY").as_deref() == Ok("slot") {
        sqlx::migrate!("./migrations")
            .run(&sqlx::PgPool::connect(&db).await.expect("pool"))
            .await
            .expect("migrate");
        println!("{}", shared_slot_cost(&db).await);
        return;
    }

    let mut procs = start_fake();
    let fake_url = procs.fake_url.clone();
    let fake_pid = procs.fake.id();
    // The capacity phases raise the limit to its maximum: they measure the server.
    let (settings, pairs) = settings(&db, &fake_url, 1000);
    procs.server = Some(start_server(&pairs).await);
    let server_pid = procs.server.as_ref().map(Child::id).unwrap_or_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .expect("client");
    for i in 1..=ACCOUNTS {
        let code = client
            .get(format!("{fake_url}__bench/code/{}", account_id(i)))
            .send()
            .await
            .expect("code")
            .text()
            .await
            .expect("code text");
        let res = client
            .get(server_url("/oauth/callback"))
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .query(&[
                ("code", code.as_str()),
                ("referer", host(i).as_str()),
                ("client_id", CLIENT_ID),
            ])
            .send()
            .await
            .expect("install");
        assert!(res.status().is_success(), "install of account {i} failed");
    }

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mut report = format!(
        "# Benchmark results\n\nMachine: {} cores, {cpu}. Three processes on it: the release server, the fake amoCRM (loopback) \
         and the load generator (`wrk`); Postgres 15 local. {ACCOUNTS} accounts, each on its own host; \
         cards alternate leads and customers over all accounts; every request carries a fresh token. Medians of {RUNS} runs of {WRK_SECONDS} s.\n\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );

    // Cold and warm metadata: the first open of each account loads account,
    // pipelines and users; the second finds them cached.
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for (series, out) in [(0usize, &mut cold), (2, &mut warm)] {
        for i in 1..=ACCOUNTS {
            let (ms, state) = open(&client, &card_path(&settings, i, series)).await;
            assert_eq!(state, "ok", "account {i}");
            out.push(ms);
        }
        out.sort_by(|a, b| a.total_cmp(b));
    }
    report.push_str("## 1. Card opens, one at a time\n\n| metadata | opens | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|\n");
    for (name, v) in [("cold (first open of an account)", &cold), ("warm", &warm)] {
        report.push_str(&format!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} |\n",
            v.len(),
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99)
        ));
    }

    // 2: throughput and latency under load, with the CPU each process spent.
    report.push_str(&format!(
        "\n## 2. Capacity: {ACCOUNTS} accounts, warm metadata, `AMO_RATE_LIMIT_PER_SECOND=1000`\n\n\
         | concurrency | opens/s | p50 ms | p95 ms | p99 ms | p99/p50 | non-2xx | server CPU ms/open | fake CPU ms/open | Postgres CPU ms/open | machine CPU ms/open |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    ));
    let mut card_rps_64 = 0.0;
    let mut p99_over_p50_64 = 0.0;
    // CPU per open at 64: the server's own, and everything else the machine spent.
    let (mut server_ms_64, mut machine_ms_64) = (0.0, 0.0);
    struct Run {
        w: WrkResult,
        server: f64,
        fake: f64,
        postgres: f64,
        machine: f64,
    }
    for c in [1u32, 16, 64] {
        let mut runs = Vec::new();
        for r in 0..RUNS {
            let file = token_file(&settings, 25_000, &format!("c{c}-{r}"));
            let before = (
                cpu_ms(server_pid),
                cpu_ms(fake_pid),
                postgres_cpu_ms(),
                machine_cpu_ms(),
            );
            let w = wrk(c, "/", Some(&file));
            let n = w.requests.max(1.0);
            runs.push(Run {
                server: (cpu_ms(server_pid) - before.0) / n,
                fake: (cpu_ms(fake_pid) - before.1) / n,
                postgres: (postgres_cpu_ms() - before.2) / n,
                machine: (machine_cpu_ms() - before.3) / n,
                w,
            });
        }
        let m = |f: &dyn Fn(&Run) -> f64| median(runs.iter().map(f).collect());
        let rps = m(&|r| r.w.rps);
        let (p50, p95, p99) = (m(&|r| r.w.p50), m(&|r| r.w.p95), m(&|r| r.w.p99));
        if c == 64 {
            card_rps_64 = rps;
            p99_over_p50_64 = p99 / p50;
            server_ms_64 = m(&|r| r.server);
            machine_ms_64 = m(&|r| r.machine);
        }
        report.push_str(&format!(
            "| {c} | {rps:.0} | {p50:.2} | {p95:.2} | {p99:.2} | {:.1} | {:.0} | {:.2} | {:.2} | {:.2} | {:.2} |\n",
            p99 / p50,
            m(&|r| r.w.bad),
            m(&|r| r.server),
            m(&|r| r.fake),
            m(&|r| r.postgres),
            m(&|r| r.machine),
        ));
    }
    // The floor: a static file from the same server, same concurrency, same run.
    let floor_runs: Vec<(f64, f64)> = (0..RUNS)
        .map(|_| {
            let m0 = machine_cpu_ms();
            let w = wrk(64, &css_path(), None);
            (w.rps, (machine_cpu_ms() - m0) / w.requests.max(1.0))
        })
        .collect();
    let floor = median(floor_runs.iter().map(|r| r.0).collect());
    let floor_machine_ms = median(floor_runs.iter().map(|r| r.1).collect());
    let ratio = card_rps_64 / floor;
    let cores = std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64);
    // What the rest of the machine (fake amoCRM, Postgres, wrk, kernel) spends per
    // open caps the ratio even if the server itself cost nothing.
    let others_ms = (machine_ms_64 - server_ms_64).max(0.001);
    let ceiling = cores * 1000.0 / others_ms / floor;
    report.push_str(&format!(
        "\nStatic floor (the CSS file from the same server, concurrency 64): {floor:.0} req/s, {floor_machine_ms:.3} ms of machine CPU per request. \
         **card / floor = {ratio:.3}** (target ≥ 0.25: {}); **p99 / p50 at 64 = {p99_over_p50_64:.1}** (target ≤ 3: {}).\n\n\
         The machine spends {machine_ms_64:.2} ms of CPU per card open at 64, {server_ms_64:.2} ms of it in the server. \
         The other {others_ms:.2} ms (the fake amoCRM, Postgres, wrk, the kernel) alone allow at most {:.0} opens/s on these {cores:.0} cores: \
         even a server that cost nothing would reach card / floor = **{ceiling:.3}** here.\n\n",
        if ratio >= 0.25 { "met" } else { "not met" },
        if p99_over_p50_64 <= 3.0 { "met" } else { "not met" },
        cores * 1000.0 / others_ms,
    ));

    // Where a card open's time goes: a flat CPU profile of the server at concurrency 64.
    if let Some(profile) = profile_server(&settings, server_pid) {
        std::fs::write("bench/profile.md", profile).expect("profile");
    }

    // 3: TTFB while amoCRM is slow.
    set_faults(
        &client,
        &fake_url,
        serde_json::json!({"latency_ms": 1000, "no_rate_limit": true}),
    )
    .await;
    let mut ttfb = Vec::new();
    let mut full = Vec::new();
    for r in 0..RUNS {
        let t = Instant::now();
        let mut res = client
            .get(server_url(&card_path(&settings, 1, 10 + 2 * r)))
            .send()
            .await
            .expect("card");
        let _first = res.chunk().await;
        ttfb.push(t.elapsed().as_secs_f64() * 1000.0);
        while let Ok(Some(_)) = res.chunk().await {}
        full.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    set_faults(
        &client,
        &fake_url,
        serde_json::json!({"no_rate_limit": true}),
    )
    .await;
    report.push_str(&format!(
        "## 3. amoCRM answering after 1 s\n\nFirst byte (headers; the record and rights are read before the page starts): {:.0} ms; complete card: {:.0} ms.\n\n",
        median(ttfb),
        median(full)
    ));

    // 5: calls per warm card.
    let before = fake_stats(&client, &fake_url, "").await["api_calls"]
        .as_u64()
        .unwrap_or(0);
    let _ = open(&client, &card_path(&settings, 1, 40)).await;
    let after = fake_stats(&client, &fake_url, "").await["api_calls"]
        .as_u64()
        .unwrap_or(0);
    let rss_mib = rss_peak_kb(server_pid) as f64 / 1024.0;

    // 4: the real limit. Restart the server with amoCRM's 7 rps, let the fake
    // enforce it too, and open 20 cards of each of 5 accounts at once.
    if let Some(mut s) = procs.server.take() {
        let _ = s.kill();
        let _ = s.wait();
    }
    let (_, limited_pairs) = self::settings(&db, &fake_url, 7);
    procs.server = Some(start_server(&limited_pairs).await);
    let _ = open(&client, &card_path(&settings, 1, 50)).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    set_faults(&client, &fake_url, serde_json::json!({})).await;
    client
        .post(format!("{fake_url}__fake/reset"))
        .send()
        .await
        .expect("reset");
    let started = Instant::now();
    let opens = (0..100).map(|k| {
        let path = card_path(&settings, (k % 5) + 1, 60 + k as usize);
        let client = &client;
        async move { open(client, &path).await.1 }
    });
    let states = join_all(opens).await;
    let burst_wall = started.elapsed();
    let stats = fake_stats(&client, &fake_url, "429 Too Many Requests").await;
    let count = |state: &str| states.iter().filter(|s| s.as_str() == state).count();
    report.push_str(&format!(
        "## 4. amoCRM's limit holds per account\n\nServer restarted with `AMO_RATE_LIMIT_PER_SECOND=7` (shared window in Postgres; a call waits at most 6 s), \
         fake enforcing 7 per second per account. 100 concurrent card opens, 20 on each of 5 accounts: \
         {} rendered, {} showed \"too many requests\", {} other; {} API calls; peak {} calls in any 1 s to one account; 429s from amoCRM: {}; {:.1} s in all.\n\n",
        count("ok"),
        count("rate-limited"),
        states.len() - count("ok") - count("rate-limited"),
        stats["api_calls"],
        stats["peak_per_second"],
        stats["endpoint"],
        burst_wall.as_secs_f64()
    ));
    report.push_str(&format!(
        "## 5. amoCRM calls\n\nWarm lead card: {} calls in two round trips (the entity, with users' rights from cache; then contacts, company, tasks, \
         the first history page, the status strip's events and the contacts' chats concurrently, their shared rate slots in one Postgres statement). Cold card (empty metadata cache): +3 (account, pipelines, users).\n\n",
        after - before
    ));
    report.push_str(&format!(
        "## 6. Memory\n\nPeak RSS of the server process alone after the capacity phases: {rss_mib:.1} MiB.\n\n"
    ));
    report.push_str(&shared_slot_cost(&db).await);
    drop(procs);

    std::fs::create_dir_all("bench").expect("bench dir");
    let extra = [
        "bench/payload.md",
        "bench/slow-network.md",
        "bench/profile.md",
    ]
    .iter()
    .filter_map(|p| std::fs::read_to_string(p).ok())
    .collect::<Vec<_>>()
    .join("\n");
    let notes = std::fs::read_to_string("bench/notes.md").unwrap_or_default();
    std::fs::write("bench/results.md", format!("{report}\n{extra}\n{notes}"))
        .expect("write results");
    println!("{report}\n{extra}");
}
