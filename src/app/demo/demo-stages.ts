// Later stages of the demo, run after the traffic is loaded: each context that has something to
// show on a fresh node (inspection history, a trained model, partner agreements) adds a stage.
import type { TandemNode } from '../node.js';
import type { GeneratedFiling } from './traffic-generator.js';

export async function runDemoStages(node: TandemNode, traffic: GeneratedFiling[], log: (line: string) => void): Promise<void> {
  void node;
  void traffic;
  void log;
}
