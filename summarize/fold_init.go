package summarize

// The word maps in the code are written as a reader spells the words; the
// tokens they are compared with are folded (fold), so the keys are folded
// once here.
func init() {
	numberWords = foldKeys(numberWords)
	months = foldKeys(months)
	twoWordMonths = foldKeys(twoWordMonths)
	weekdays = foldKeys(weekdays)
	arSubjectStops = foldKeys(arSubjectStops)
	spanStops = foldKeys(spanStops)
	spanTail = foldKeys(spanTail)
	keyStop = foldKeys(keyStop)
	arDeterminers = foldKeys(arDeterminers)
	armedNouns = foldKeys(armedNouns)
	coordinators = foldKeys(coordinators)
	arPrefixes = foldKeys(arPrefixes)
	ordinalWords = foldKeys(ordinalWords)
	arTens = foldKeys(arTens)
	singleAttacks = foldKeys(singleAttacks)
	arTimeWords = foldKeys(arTimeWords)
	arAttackVerbs = foldKeys(arAttackVerbs)
	durationWords = foldKeys(durationWords)
	groupNouns = foldKeys(groupNouns)
	orgNouns = foldKeys(orgNouns)
	attackNouns = foldKeys(attackNouns)
}

func foldKeys[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[fold(k)] = v
	}
	return out
}
