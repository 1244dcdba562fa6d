package main

import (
	"strconv"

	"github.com/earlyid/earlyid/locales"
)

// periodText writes a period such as 90d out in words for a message ("90 days", "90 de
// zile", "90 днів", "90 дней"): the short form is for the command line only. A period
// parsePeriod does not read is returned as given.
func periodText(l *locales.Localizer, period string) string {
	if _, err := parsePeriod(period); err != nil {
		return period
	}
	n, _ := strconv.Atoi(period[:len(period)-1])
	id := map[byte]string{'h': "common.period.hours", 'd': "common.period.days", 'w': "common.period.weeks"}[period[len(period)-1]]
	return l.N(id, n, nil)
}
