"""The assistant's rules: knowledge base, training, the conversation pipeline, hand-off.

Views, the API, tasks and the CLI call these modules; they call models and the engine.
"""
