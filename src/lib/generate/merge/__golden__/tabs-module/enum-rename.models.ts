/**
 * Types of the MoLOS-Planner module, shared by the server and the UI.
 */

export const TodoStatus = {
	TODO: 'todo',
	DOING: 'doing', // in progress
	DONE: 'done'
} as const;
export type TodoStatus = (typeof TodoStatus)[keyof typeof TodoStatus];

export const TaskPriority = {
	LOW: 'low',
	MEDIUM: 'medium',
	HIGH: 'high'
} as const;
export type TaskPriority = (typeof TaskPriority)[keyof typeof TaskPriority];

export const MAX_TITLE_LENGTH = 200;

export interface Project {
	id: string;
	userId: string;
	name: string;
	color: string | null;
}

export interface Task {
	id: string;
	title: string;
	status: TodoStatus;
	priority: TaskPriority;
	projectId: string | null;
}

export type CreateTaskInput = Omit<Task, 'id'>;
export type UpdateTaskInput = Partial<CreateTaskInput>;
