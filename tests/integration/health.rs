use crate::helpers::{spawn, Spawn};

#[tokio::test]
async fn healthz_and_readyz_answer_200_with_postgres_up() {
    let app = spawn(Spawn::app()).await;
    let client = reqwest::Client::new();
    for path in ["/healthz", "/readyz"] {
        let res = client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn readyz_is_503_when_postgres_is_gone() {
    let app = spawn(Spawn::app()).await;
    // Take the app's database away underneath it.
    let admin = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = app.database_url.rsplit('/').next().unwrap().to_owned();
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
        .await
        .unwrap();
    sqlx::Executor::execute(
        &mut conn,
        format!(r#"DROP DATABASE "{name}" WITH (FORCE)"#).as_str(),
    )
    .await
    .unwrap();
    let res = reqwest::get(format!("{}/readyz", app.address))
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let res = reqwest::get(format!("{}/healthz", app.address))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
