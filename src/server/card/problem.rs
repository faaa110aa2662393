//! What an amoCRM failure means for the card: the one mapping from the amo
//! room's typed errors to the page state the card shows. It lives here, in
//! the room that owns the states, so that `amo/` knows nothing of pages.

use crate::model::CardProblem;
use crate::server::amo::AmoError;

impl From<&AmoError> for CardProblem {
    fn from(e: &AmoError) -> Self {
        match e {
            AmoError::NotFound => CardProblem::NotFound,
            AmoError::NoAccess => CardProblem::NoAccess,
            AmoError::CustomersDisabled => CardProblem::CustomersDisabled,
            AmoError::AccountUnpaid => CardProblem::AccountUnpaid,
            AmoError::NeedsReinstall | AmoError::NotInstalled => CardProblem::NeedsReinstall,
            AmoError::RateLimited => CardProblem::RateLimited,
            AmoError::Unavailable
            | AmoError::BadResponse
            | AmoError::Rejected(_)
            | AmoError::WriteUncertain
            | AmoError::Store
            | AmoError::ClientRefused => CardProblem::Unavailable,
        }
    }
}

impl From<AmoError> for CardProblem {
    fn from(e: AmoError) -> Self {
        CardProblem::from(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amocrms_answers_map_to_the_card_states() {
        let table = [
            (AmoError::NotFound, CardProblem::NotFound),
            (AmoError::AccountUnpaid, CardProblem::AccountUnpaid),
            (AmoError::CustomersDisabled, CardProblem::CustomersDisabled),
            (AmoError::NotInstalled, CardProblem::NeedsReinstall),
            (AmoError::RateLimited, CardProblem::RateLimited),
            (AmoError::ClientRefused, CardProblem::Unavailable),
            (AmoError::WriteUncertain, CardProblem::Unavailable),
        ];
        for (e, want) in table {
            assert_eq!(CardProblem::from(&e), want, "{e:?}");
        }
    }
}
