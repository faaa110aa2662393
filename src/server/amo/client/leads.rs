//! Deals by id, for a contact's other deals (#42): leads-api.md "Список
//! сделок", `GET /api/v4/leads?filter[id][]=…`. Without amoCRM's paid
//! filtering the filter is ignored (filters-api.md): what came back is
//! checked, and then the first few are read one by one instead.

use super::{AmoClient, SINGLE_READS};
use crate::server::amo::types::Lead;
use crate::server::amo::AmoError;

/// Deals a list read asks for at most (the card shows 20, newest first).
pub const LIST_MAX: usize = 50;

impl AmoClient {
    /// The deals `ids` (at most [`LIST_MAX`]) and how many were not read
    /// (past the single reads on an account without list filtering).
    pub async fn leads_by_ids(
        &self,
        account_id: i64,
        ids: &[i64],
    ) -> Result<(Vec<Lead>, usize), AmoError> {
        let ids = &ids[..ids.len().min(LIST_MAX)];
        if ids.is_empty() {
            return Ok((Vec::new(), 0));
        }
        if self.filters_work(account_id).await {
            let filter: Vec<String> = ids.iter().map(|id| format!("filter[id][]={id}")).collect();
            let path = format!("/api/v4/leads?{}&limit={}", filter.join("&"), ids.len());
            let listed: Vec<Lead> = self.get_list(account_id, &path, "leads").await?;
            if listed.iter().all(|l| ids.contains(&l.id)) {
                return Ok((listed, 0));
            }
            tracing::warn!(
                account_id,
                "amoCRM ignored filter[id] (no paid filtering): reading deals one by one"
            );
            self.note_filters_off(account_id).await;
        }
        let reads = ids.iter().take(SINGLE_READS).map(|id| async move {
            match self.lead(account_id, *id).await {
                Err(AmoError::NotFound) => Ok(None),
                other => other.map(Some),
            }
        });
        let mut leads = Vec::new();
        for lead in futures::future::join_all(reads).await {
            leads.extend(lead?);
        }
        Ok((leads, ids.len().saturating_sub(SINGLE_READS)))
    }
}
