//! What tests and the demo turn on the fake: passing faults to inject, the
//! rate limit, users, fields and tokens to change, and what was written.

use serde_json::{json, Value};

use super::{FakeAmo, Faults};

impl FakeAmo {
    /// Answers 429 past `per_second` requests a second per account, instead of 7.
    pub fn with_rate_limit(self, per_second: usize) -> Self {
        self.with(|s| s.rate_limit = per_second.max(1));
        self
    }

    /// Fails the next `n` writes (POST, PATCH) with 503, as a passing amoCRM
    /// fault would: nothing is saved, and a retry reaches amoCRM again.
    pub fn fail_next_writes(&self, n: u32) {
        self.with(|s| s.failing_writes = n);
    }

    /// Fails the next `n` writes to `endpoint` (as counted: `POST
    /// /api/v4/tasks`) with 503; other writes go through.
    pub fn fail_next_writes_to(&self, endpoint: &str, n: u32) {
        self.with(|s| {
            s.failing_writes_to.insert(endpoint.to_owned(), n);
        });
    }

    /// Saves the next `n` writes, then answers each with a gateway's HTML 502
    /// (not amoCRM's problem JSON): the write happened, the answer was lost.
    pub fn lose_answers_to_next_writes(&self, n: u32) {
        self.with(|s| s.gateway_after_writes = n);
    }

    /// Leaves the next `n` writes unanswered: the client cannot know whether
    /// they were saved (here they were not).
    pub fn hang_next_writes(&self, n: u32) {
        self.with(|s| s.hanging_writes = n);
    }

    /// Adds a user to the account (a copy of `like` with another id and name),
    /// as an admin inviting a colleague would.
    pub fn add_user_like(&self, like: i64, id: i64) {
        self.with(|s| {
            if let Some(mut u) = s.users.iter().find(|u| u["id"] == json!(like)).cloned() {
                u["id"] = json!(id);
                u["name"] = json!(format!("User {id}"));
                s.users.push(u);
            }
        });
    }

    /// Sets one field of a user (`rights`, `lang`, ...), as an admin editing them would.
    pub fn set_user(&self, user_id: i64, key: &str, value: Value) {
        self.with(|s| {
            if let Some(u) = s.users.iter_mut().find(|u| u["id"] == json!(user_id)) {
                u[key] = value;
            }
        });
    }

    /// Deletes a custom field, as an admin does in amoCRM: its definition and
    /// every record's value of it go.
    pub fn delete_custom_field(&self, field_id: i64) {
        self.with(|s| {
            for defs in s.custom_fields.values_mut() {
                defs.retain(|d| d["id"] != json!(field_id));
            }
            for record in s.leads.iter_mut().chain(s.customers.iter_mut()) {
                if let Some(values) = record["custom_fields_values"].as_array_mut() {
                    values.retain(|v| v["field_id"] != json!(field_id));
                }
            }
        });
    }

    /// Makes a field of `entity` (`leads`, `contacts`, `companies`) required
    /// for a stage, as an admin does in amoCRM's pipeline settings
    /// (custom-fields.md `required_statuses`); `None` lifts every rule.
    pub fn require_field(&self, entity: &str, field_id: i64, stage: Option<(i64, i64)>) {
        self.with(|s| {
            let defs = s.custom_fields.entry(entity.to_owned()).or_default();
            for d in defs.iter_mut().filter(|d| d["id"] == json!(field_id)) {
                d["required_statuses"] = match stage {
                    Some((pipeline_id, status_id)) => {
                        json!([{"pipeline_id": pipeline_id, "status_id": status_id}])
                    }
                    None => Value::Null,
                };
            }
        });
    }

    /// Moves a lead to another responsible user.
    pub fn set_lead_responsible(&self, lead_id: i64, user_id: i64) {
        self.with(|s| {
            if let Some(l) = s.leads.iter_mut().find(|l| l["id"] == json!(lead_id)) {
                l["responsible_user_id"] = json!(user_id);
            }
        });
    }

    pub fn set_faults(&self, faults: Faults) {
        self.with(|s| s.faults = faults);
    }

    /// Lifetime of access tokens issued from now on.
    pub fn set_access_ttl(&self, secs: i64) {
        self.with(|s| s.access_ttl = secs);
    }

    /// Makes every issued access token expired (amoCRM answers 401 to them).
    pub fn expire_access_tokens(&self) {
        self.with(|s| s.access.values_mut().for_each(|(_, exp)| *exp = 0));
    }

    /// Revokes every live refresh token (as if the admin revoked the grant).
    pub fn revoke_refresh_tokens(&self) {
        self.with(|s| {
            let live: Vec<String> = s.refresh.drain().map(|(k, _)| k).collect();
            s.revoked.extend(live);
        });
    }

    /// Switches the integration off in one account, as amoCRM does: its access
    /// tokens answer 401 and its refresh tokens are revoked.
    pub fn revoke_grant(&self, account_id: i64) {
        self.with(|s| {
            s.access.retain(|_, (account, _)| *account != account_id);
            let gone: Vec<String> = s
                .refresh
                .iter()
                .filter(|(_, a)| **a == account_id)
                .map(|(k, _)| k.clone())
                .collect();
            for token in gone {
                s.refresh.remove(&token);
                s.revoked.insert(token);
            }
        });
    }

    /// Notes written so far, newest last.
    pub fn notes(&self) -> Vec<Value> {
        self.with(|s| s.notes.clone())
    }

    /// Adds a task as if someone created it in amoCRM.
    pub fn insert_task(&self, task: Value) {
        self.with(|s| {
            s.tasks.push(task);
            FakeAmo::sync_closest_tasks(s);
        });
    }

    /// Tasks (open and completed).
    pub fn tasks(&self) -> Vec<Value> {
        self.with(|s| s.tasks.clone())
    }

    /// A live access token of `account_id`, as the service holds it: tests
    /// speak to the fake directly with it.
    pub fn access_token(&self, account_id: i64) -> Option<String> {
        self.with(|s| {
            s.access
                .iter()
                .find(|(_, (account, _))| *account == account_id)
                .map(|(token, _)| token.clone())
        })
    }
}
