"""LIT layouts: a plain one for first-time users, an expert one, and a comparison one."""

from lit_nlp.api import layout

_M = layout.LitModuleName

SIMPLE = "simple"
TEMPLATES = "templates"
EXPERT = "expert"
COMPARE = "compare"
# The tab with LIT's generator module, where the "Save finding" generator is first.
SAVE_FINDING = "Save finding"

LAYOUTS = {
    # What a first-time user needs: examples, an editor, salience. Nothing else.
    SIMPLE: layout.LitCanonicalLayout(
        left={
            "Examples": [_M.DataTableModule],
            "Editor": [_M.SingleDatapointEditorModule],
            SAVE_FINDING: [_M.GeneratorModule],
        },
        upper={"Salience": [_M.SequenceSalienceModule]},
        layoutSettings=layout.LayoutSettings(leftWidth=40),
        description="Pick an example, read the answer, click part of it to see what drove it.",
    ),
    # The expert three-panel layout: adds embeddings, generators and metrics.
    EXPERT: layout.LitCanonicalLayout(
        left={
            "Data Table": [_M.DataTableModule],
            "Embeddings": [_M.EmbeddingsModule],
        },
        upper={
            "Datapoint Editor": [_M.SingleDatapointEditorModule],
            "Datapoint Generators": [_M.GeneratorModule],
        },
        lower={
            "Salience": [_M.SequenceSalienceModule],
            "Template parts": [_M.SalienceMapModule],
            "Metrics": [_M.MetricsModule],
        },
        layoutSettings=layout.LayoutSettings(mainHeight=40, leftWidth=40),
        description="All modules: data, embeddings, editor, generators, salience, metrics. "
        "Metrics answers every row of the dataset the first time (about a minute for "
        "refusal_eval on a laptop CPU; progress in the server log), then reads its cache.",
    ),
    # For prompt templates: which part of the template (fixed text or a variable) drove
    # the answer, beside the token-level view.
    TEMPLATES: layout.LitCanonicalLayout(
        left={
            "Examples": [_M.DataTableModule],
            "Editor": [_M.SingleDatapointEditorModule],
        },
        upper={"Salience": [_M.SequenceSalienceModule]},
        lower={"Template parts": [_M.SalienceMapModule]},
        layoutSettings=layout.LayoutSettings(leftWidth=40, mainHeight=55),
        description="Template debugging: token salience and per-part attribution.",
    ),
    # Salience on top, full width, so two models' panels sit side by side.
    COMPARE: layout.LitCanonicalLayout(
        upper={"Salience": [_M.SequenceSalienceModule]},
        lower={
            "Examples": [_M.DataTableModule],
            "Editor": [_M.SingleDatapointEditorModule],
            SAVE_FINDING: [_M.GeneratorModule],
        },
        layoutSettings=layout.LayoutSettings(mainHeight=60),
        description="Two checkpoints side by side: answers and salience for the same example.",
    ),
}
