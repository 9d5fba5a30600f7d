/**
 * Tuning constants of the ranking, in one place. Scores are in log-odds-like units: a knowledge
 * signal weight of 3 adds 3 * signalScale; the softmax temperature turns score gaps into confidences.
 */
export const RANKING = {
  /** multiplier on a cause's signal weights (knowledge weights run -10..10) */
  signalScale: 1,
  /** multiplier on catalogue weights (0..10); an exact provider error string is strong evidence */
  catalogueScale: 0.8,
  /** later catalogue hits for the same cause count this much of their weight */
  extraCatalogueFactor: 0.35,
  /** text similarity: BM25 share (saturating) and best-phrase coverage */
  bm25Weight: 6,
  bm25Half: 3,
  coverageWeight: 6,
  coverageExponent: 1.5,
  /** phrase coverage from which the phrase is quoted as a reason */
  coverageReasonMin: 0.6,
  /** a user's answer lifts the causes under it and lowers the others of the same question */
  answerBoost: 2.5,
  answerPenalty: 2.5,
  /** answers implied by evidence do not move the ranking (the signals behind them already count); they only skip questions */
  impliedAnswerFactor: 0,
  /** a cause typical for a detected provider */
  providerBonus: 0.4,
  /** log prior multiplier and the floor that keeps a prior of 0 finite */
  priorScale: 1,
  minPrior: 0.05,
  /** softmax temperature */
  temperature: 1.5,
  /** matched when the top cause has at least this confidence and this score margin */
  matchConfidence: 0.55,
  matchMargin: 2,
  /** none when there is no signal and the text match is this weak */
  noneCoverage: 0.35,
  noneBm25: 4,
  /** none when even the best cause has less evidence than this */
  minSupport: 0.5,
  maxReasons: 6,
  /**
   * With the learned (calibrated) model: matched when the top cause's confidence is at least this
   * and at least calibratedMatchMargin above the second; otherwise ambiguous and the dialogue asks.
   */
  calibratedMatchConfidence: 0.6,
  calibratedMatchMargin: 0.25,
  /** with the model, evidence is named as a reason when its logit contribution to the cause exceeds this */
  modelReasonMin: 0.05,
  /** a word is quoted as a reason when it adds at least this much more to the cause's logit than to the average cause's */
  wordReasonMin: 0.3,
  /** at most this many words are quoted in that reason */
  maxReasonWords: 3,
  /** at most this many solved threads are cited in the reason that rests on them */
  maxSimilarThreads: 2,
  /** a reason weaker than this share of the strongest one is not shown */
  minReasonShare: 0.25,
} as const;
