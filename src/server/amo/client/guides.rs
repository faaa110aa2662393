//! The guidance an admin wrote for each stage of a lead pipeline (#40):
//! leads_pipelines.md "Список статусов воронки сделок",
//! `GET /api/v4/leads/pipelines/{pipeline_id}/statuses?with=descriptions`
//! (the pipelines list has no `with`). One call per pipeline, cached per
//! replica for [`META_TTL`] like the rest of the account's metadata, so a
//! warm card reads none.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{AmoClient, META_TTL};
use crate::server::amo::types::Status;
use crate::server::amo::AmoError;

/// A stage's guidance, by status id.
pub type StageGuides = Arc<BTreeMap<i64, String>>;

/// Which of a stage's descriptions the card shows: amoCRM keeps one per
/// level of experience (leads_pipelines.md: `newbie`, `candidate`,
/// `master`) and the API does not say a user's level, so the fullest one,
/// written for a newcomer, comes first (decision).
const LEVELS: [&str; 3] = ["newbie", "candidate", "master"];

/// The text to show for each stage that has one.
pub fn guides(statuses: &[Status]) -> BTreeMap<i64, String> {
    statuses
        .iter()
        .filter_map(|s| {
            let rank = |level: &Option<String>| {
                LEVELS
                    .iter()
                    .position(|l| Some(*l) == level.as_deref())
                    .unwrap_or(LEVELS.len())
            };
            let best = s
                .descriptions
                .iter()
                .filter(|d| !d.description.trim().is_empty())
                .min_by_key(|d| rank(&d.level))?;
            Some((s.id, best.description.trim().to_owned()))
        })
        .collect()
}

impl AmoClient {
    /// The stages of `pipeline_id` with their descriptions.
    pub async fn pipeline_statuses(
        &self,
        account_id: i64,
        pipeline_id: i64,
    ) -> Result<Vec<Status>, AmoError> {
        let path = format!("/api/v4/leads/pipelines/{pipeline_id}/statuses?with=descriptions");
        self.get_list(account_id, &path, "statuses").await
    }

    /// The guidance of `pipeline_id`'s stages from this replica's copy,
    /// reading it when missing. A failed read shows none and is not kept:
    /// the next card asks again.
    pub async fn stage_guides(&self, account_id: i64, pipeline_id: i64) -> StageGuides {
        let load = async {
            let statuses = self.pipeline_statuses(account_id, pipeline_id).await?;
            Ok::<_, AmoError>(Arc::new(guides(&statuses)))
        };
        match self
            .stage_guides
            .try_get_with((account_id, pipeline_id), load)
            .await
        {
            Ok(guides) => guides,
            Err(e) => {
                tracing::info!(account_id, pipeline_id, error = %e, "stage guidance not read");
                StageGuides::default()
            }
        }
    }
}

/// The cache behind [`AmoClient::stage_guides`].
pub(super) fn cache(capacity: u64) -> moka::future::Cache<(i64, i64), StageGuides> {
    moka::future::Cache::builder()
        .max_capacity(capacity)
        .time_to_live(META_TTL)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newcomers_text_comes_first_and_blank_ones_are_skipped() {
        let statuses: Vec<Status> = serde_json::from_value(serde_json::json!([
            {"id": 1, "descriptions": [
                {"level": "master", "description": "Short"},
                {"level": "newbie", "description": "  Full text for a newcomer \n"}]},
            {"id": 2, "descriptions": [{"level": "newbie", "description": "  "},
                {"level": "candidate", "description": "Candidate"}]},
            {"id": 3, "descriptions": []},
            {"id": 4},
            {"id": 5, "descriptions": [{"level": "guru", "description": "Odd level"}]}
        ]))
        .unwrap();
        let g = guides(&statuses);
        assert_eq!(
            g.get(&1).map(String::as_str),
            Some("Full text for a newcomer")
        );
        assert_eq!(g.get(&2).map(String::as_str), Some("Candidate"));
        assert_eq!((g.get(&3), g.get(&4)), (None, None));
        assert_eq!(g.get(&5).map(String::as_str), Some("Odd level"));
    }
}
