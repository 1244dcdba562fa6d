// Command earlyid is an offline tool for the early identification of victims of human
// trafficking in mixed migratory flows: guided interviews, indicator scoring, referral
// summaries, training simulations, and the tools guideline authors use to check their files.
//
// Run "earlyid --help" for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], systemIO()))
}
