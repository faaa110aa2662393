//! Faults of our own side: Postgres going away, a process dying inside a
//! token refresh, and a graceful shutdown.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use amo_mobile_card::demo::fake::{FakeAmo, Faults};
use amo_mobile_card::demo::fixtures::{ACCOUNT_ID, LEAD_RU};

use crate::helpers::{card_state, page_state, settings, spawn, spawn_stoppable, Open, Spawn};

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

/// A Postgres cluster of this test alone (the shared one must never stop):
/// created with `initdb` as the `postgres` user on a free port, removed on drop.
struct Cluster {
    dir: PathBuf,
    port: u16,
}

fn as_postgres(args: &[&str]) -> std::process::Output {
    Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .args(args)
        .output()
        .expect("runuser")
}

impl Cluster {
    async fn start_new() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let dir = std::env::temp_dir().join(format!("amc-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("cluster dir");
        let status = Command::new("chown")
            .args(["postgres:postgres", dir.to_str().unwrap_or_default()])
            .status()
            .expect("chown");
        assert!(status.success());
        let cluster = Cluster { dir, port };
        let data = cluster.data();
        let out = tokio::task::spawn_blocking(move || {
            as_postgres(&[
                &format!("{PG_BIN}/initdb"),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-D",
                &data,
            ])
        })
        .await
        .unwrap();
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        cluster.start().await;
        cluster
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    async fn start(&self) {
        let (data, dir, port) = (self.data(), self.dir.display().to_string(), self.port);
        let out = tokio::task::spawn_blocking(move || {
            as_postgres(&[
                &format!("{PG_BIN}/pg_ctl"),
                "-D",
                &data,
                "-o",
                &format!("-p {port} -k {dir} -c listen_addresses=127.0.0.1"),
                "-l",
                &format!("{dir}/log"),
                "-w",
                "start",
            ])
        })
        .await
        .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    async fn stop(&self) {
        let data = self.data();
        let out = tokio::task::spawn_blocking(move || {
            as_postgres(&[
                &format!("{PG_BIN}/pg_ctl"),
                "-D",
                &data,
                "-m",
                "fast",
                "-w",
                "stop",
            ])
        })
        .await
        .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_postgres(&[
            &format!("{PG_BIN}/pg_ctl"),
            "-D",
            &self.data(),
            "-m",
            "immediate",
            "stop",
        ]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_going_away_gives_a_designed_503_and_coming_back_needs_no_restart() {
    let cluster = Cluster::start_new().await;
    let fake = FakeAmo::new();
    let base = fake.spawn().await.unwrap();
    let app = spawn(Spawn::with(
        settings(&cluster.url(), &[("AMO_API_BASE_URL", base.as_str())]),
        fake,
    ))
    .await;
    assert_eq!(app.install(ACCOUNT_ID).await.status(), 200);
    let (status, _) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 200);

    cluster.stop().await;
    let started = Instant::now();
    let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(status, 503);
    assert_eq!(page_state(&body).as_deref(), Some("unavailable"));
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    let client = reqwest::Client::new();
    let ready = client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    let health = client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    cluster.start().await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = app.open(Open::lead(LEAD_RU)).await.page();
        if status == 200 {
            assert_eq!(card_state(&body).as_deref(), Some("ok"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "cards did not come back: {status}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let ready = client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_dying_inside_a_refresh_leaves_a_clear_state_and_no_loop() {
    let app = spawn(Spawn::app()).await;
    let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
    // The dying process holds the account row, as a refresh does...
    let mut dying = pool.begin().await.unwrap();
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *dying)
        .await
        .unwrap();
    sqlx::query("SELECT 1 FROM accounts WHERE account_id = $1 FOR UPDATE")
        .bind(ACCOUNT_ID)
        .execute(&mut *dying)
        .await
        .unwrap();
    // ...amoCRM answered it, rotating the single-use refresh token, and the new
    // pair never reached the database. Meanwhile the access token expires.
    app.fake.revoke_refresh_tokens();
    app.fake.expire_access_tokens();
    app.fake.reset_counts();
    let waiting = tokio::spawn({
        let app = app.clone();
        async move { app.open(Open::lead(LEAD_RU)).await.page() }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "the open waits for the row lock");
    // kill -9: Postgres drops the connection and releases the lock.
    let _: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(pid)
        .fetch_one(&pool)
        .await
        .unwrap();
    drop(dying);
    let (status, body) = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("the open finishes once the lock is gone")
        .unwrap();
    assert_eq!(status, 502);
    assert_eq!(card_state(&body).as_deref(), Some("needs-reinstall"));
    assert_eq!(
        app.fake.refresh_calls(),
        1,
        "one attempt with the old token"
    );
    // The next opens say the same at once, without asking amoCRM again.
    let (_, body) = app.open(Open::lead(LEAD_RU)).await.page();
    assert_eq!(card_state(&body).as_deref(), Some("needs-reinstall"));
    assert_eq!(app.fake.refresh_calls(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_in_flight_cards_and_refuses_new_connections() {
    let (app, stop, server) = spawn_stoppable(Spawn::app()).await;
    app.fake.set_faults(Faults {
        latency_ms: 1_000,
        ..Default::default()
    });
    let in_flight = tokio::spawn({
        let app = app.clone();
        async move { app.open(Open::lead(LEAD_RU)).await.page() }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = reqwest::Client::new()
        .get(format!("{}/healthz", app.address))
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(
        refused.is_err(),
        "a new connection after the signal: {refused:?}"
    );
    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        card_state(&body).as_deref(),
        Some("ok"),
        "the card streamed to its end"
    );
    let stopped = tokio::time::timeout(Duration::from_secs(25), server)
        .await
        .expect("the server stops within its grace");
    assert!(matches!(stopped, Ok(Ok(()))));
}
