// An original, invented news-style article used by the "Try a sample" button.
// The people quoted in it are fictional; the places are real.
export const SAMPLE_TEXT = `Lisbon and Rotterdam agree €2.3 billion plan to put their ports on shore power

LISBON — The ports of Lisbon and Rotterdam agreed on Tuesday to spend €2.3 billion over the next six years replacing diesel cranes, tugboats and lorries with electric ones, in what officials called the largest joint harbour investment of its kind in Europe.

The agreement, signed on March 14, 2024, commits both ports to cutting harbour emissions by 45 percent before 2030. Portugal's infrastructure minister, Helena Duarte, said the first shore-power berths would open in Lisbon next spring, with a second phase extending to Faro, about 250 kilometres to the south.

"Ships sit at the quay for days burning fuel just to keep the lights on," Duarte told reporters. "From 2026, they will plug in instead."

Rotterdam's harbour master, Pieter van Dam, said the Dutch port would install 40 megawatts of charging capacity and lay 12 km of new cable along its deep-sea terminals. He added that wholesale electricity prices in the Netherlands had fallen 18% since January, making the plan cheaper than first expected.

The European Commission will cover roughly a third of the cost through a $900 million green transport fund, according to officials in Brussels. Economists at the University of Porto estimated that the project could support 3,200 jobs and save shipping companies about $75 million a year in fuel.

Not everyone is convinced. Ana Ribeiro, who represents dock workers in Setúbal, warned that smaller Portuguese ports risked falling behind. "This is the second time in five years that the money has gone to the biggest harbours first," she said.

Shipping lines gave the plan a cautious welcome. Captain Joana Sousa, whose container ships call at both ports every Friday, said her crews would be among the first to test the system.

The first contracts are expected to be awarded by September 30, with construction starting in early 2025. A progress report is due in December 2025, ten years after the Paris climate agreement was adopted.
`;
