package summary

import "errors"

// The legal bases under which identity may be shared without the person's consent: Moldovan
// Law 133/2011 on personal data protection allows processing without consent to protect the
// person's life, physical integrity or health, to meet a legal obligation, and for tasks of
// public authority. Each id has the message "summary.legal_basis.<id>".
const (
	// BasisRiskToLife: a risk to the life, physical integrity or health of the person.
	BasisRiskToLife = "risk_to_life"
	// BasisChildProtection: the duty to protect a child (the person is, or may be, under 18).
	BasisChildProtection = "child_protection"
	// BasisCourtOrder: a written request of a prosecutor or an order of a court.
	BasisCourtOrder = "court_order"
	// BasisLegalObligation: another obligation the law places on the interviewer's institution.
	BasisLegalObligation = "legal_obligation"
)

// LegalBases lists every legal basis, in the order help texts show them.
var LegalBases = []string{BasisRiskToLife, BasisChildProtection, BasisCourtOrder, BasisLegalObligation}

// ErrLegalBasis is wrapped by errors for a legal basis that is not one of LegalBases.
var ErrLegalBasis = errors.New("unknown legal basis") // i18n:ignore: Go error, localized by callers
