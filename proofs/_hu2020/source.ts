/** Citation shared by the hu2020.* claims and their negative controls. */
export const HU2020 = {
  paper:
    'Hu, Xiao, Adlam, Pennington 2020, "The Surprising Simplicity of the Early-Time Learning Dynamics of Neural Networks" (NeurIPS 2020)',
  arxiv: "2006.14599",
} as const;
